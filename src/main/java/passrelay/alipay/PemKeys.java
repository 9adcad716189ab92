package passrelay.alipay;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** Reads PKCS#8 private keys and X.509 public keys from PEM, and makes key pairs for local use. */
public final class PemKeys {
    private PemKeys() {
    }

    public static PrivateKey readPrivateKey(Path file, SignatureAlgorithm algorithm) {
        Object object = readPem(file);
        if (!(object instanceof PrivateKeyInfo info)) {
            throw new KeyFileException(file + ": expected a PKCS#8 private key (-----BEGIN PRIVATE KEY-----), found "
                    + describe(object));
        }
        try {
            return keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyFileException(file + ": not a " + algorithm + " private key (" + e.getClass().getSimpleName() + ")");
        }
    }

    public static PublicKey readPublicKey(Path file, SignatureAlgorithm algorithm) {
        return publicKey(file, publicKeyInfo(file), algorithm);
    }

    /** A public key of whichever type the file holds: RSA (for RSA256) or EC (for ECC224). */
    public static PublicKey readPublicKey(Path file) {
        SubjectPublicKeyInfo info = publicKeyInfo(file);
        ASN1ObjectIdentifier type = info.getAlgorithm().getAlgorithm();
        if (type.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return publicKey(file, info, SignatureAlgorithm.RSA256);
        }
        if (type.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return publicKey(file, info, SignatureAlgorithm.ECC224);
        }
        throw new KeyFileException(file + ": neither an RSA nor an EC public key (algorithm " + type.getId() + ")");
    }

    private static SubjectPublicKeyInfo publicKeyInfo(Path file) {
        Object object = readPem(file);
        if (!(object instanceof SubjectPublicKeyInfo info)) {
            throw new KeyFileException(file + ": expected an X.509 public key (-----BEGIN PUBLIC KEY-----), found "
                    + describe(object));
        }
        return info;
    }

    private static PublicKey publicKey(Path file, SubjectPublicKeyInfo info, SignatureAlgorithm algorithm) {
        try {
            return keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyFileException(file + ": not a " + algorithm + " public key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A new key pair: RSA 2048 for RSA256, P-224 for ECC224. */
    public static KeyPair generate(SignatureAlgorithm algorithm) {
        try {
            if (algorithm == SignatureAlgorithm.ECC224) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProvider.bouncyCastle());
                generator.initialize(new ECGenParameterSpec("secp224r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + algorithm + " key pair", e);
        }
    }

    /** PEM text: PKCS#8 for private keys, X.509 SubjectPublicKeyInfo for public keys. */
    public static String toPem(Key key) {
        StringWriter text = new StringWriter();
        // PemObject, not the key itself: BC's writer would turn an RSA private key into PKCS#1.
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(type, key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static KeyFactory keyFactory(SignatureAlgorithm algorithm) throws GeneralSecurityException {
        return algorithm == SignatureAlgorithm.ECC224
                ? KeyFactory.getInstance("EC", CryptoProvider.bouncyCastle())
                : KeyFactory.getInstance("RSA");
    }

    private static Object readPem(Path file) {
        final String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
        try (Reader reader = new StringReader(text); PEMParser parser = new PEMParser(reader)) {
            Object object = parser.readObject();
            if (object == null) {
                throw new KeyFileException(file + ": no PEM object found");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            if (e instanceof KeyFileException keyFileException) {
                throw keyFileException;
            }
            throw new KeyFileException(file + ": not valid PEM (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String describe(Object object) {
        return object.getClass().getSimpleName()
                .replace("PEMKeyPair", "a traditional (PKCS#1/SEC1) key pair: convert it with 'openssl pkcs8 -topk8 -nocrypt'");
    }
}
