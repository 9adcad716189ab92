package passrelay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Locale;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;

/**
 * {@code passrelay keys [--algorithm RSA256|ECC224] [--out DIR] [--name PREFIX]}: a key pair for local use —
 * {@code PREFIX-private.pem} (PKCS#8, owner-only) and {@code PREFIX-public.pem} (X.509). Never overwrites.
 */
public final class KeysCommand {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_USAGE = 2;
    private static final String USAGE = """
            usage: passrelay keys [--algorithm RSA256|ECC224] [--out DIR] [--name PREFIX]

            Generates a key pair for local use (the simulator, tests, a first try of 'call'):
              DIR/PREFIX-private.pem  PKCS#8 private key, file mode 0600 (ALIPAYHK_PRIVATE_KEY_FILE)
              DIR/PREFIX-public.pem   X.509 public key, to register with AlipayHK or give the simulator
            Defaults: --algorithm RSA256 (RSA 2048), --out . , --name passrelay. Existing files are
            never overwritten (exit 2).""";

    private KeysCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.println(USAGE);
            return OK;
        }
        final Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("passrelay keys: " + e.getMessage());
            err.println(USAGE);
            return BAD_USAGE;
        }
        return write(options.algorithm(), options.dir().resolve(options.name() + "-private.pem"),
                options.dir().resolve(options.name() + "-public.pem"), out, err);
    }

    private record Options(SignatureAlgorithm algorithm, Path dir, String name) {
        static Options parse(String[] args) {
            Options options = new Options(SignatureAlgorithm.RSA256, Path.of("."), "passrelay");
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
                }
                options = options.with(args[i], args[i + 1]);
            }
            if (options.name().isBlank() || options.name().contains("/")
                    || options.name().contains(FileSystems.getDefault().getSeparator())) {
                throw new IllegalArgumentException("--name must be a plain file name prefix, not '" + options.name() + "'");
            }
            return options;
        }

        private Options with(String option, String value) {
            return switch (option) {
                case "--algorithm" -> new Options(algorithm(value), dir, name);
                case "--out" -> new Options(algorithm, Path.of(value), name);
                case "--name" -> new Options(algorithm, dir, value);
                default -> throw new IllegalArgumentException("unexpected argument '" + option + "'");
            };
        }

        private static SignatureAlgorithm algorithm(String value) {
            try {
                return SignatureAlgorithm.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--algorithm must be RSA256 or ECC224, not '" + value + "'");
            }
        }
    }

    private static int write(SignatureAlgorithm algorithm, Path privateFile, Path publicFile, PrintStream out,
                             PrintStream err) {
        for (Path file : new Path[] {privateFile, publicFile}) {
            if (Files.exists(file)) {
                err.println("passrelay keys: " + file + " already exists; not overwriting it");
                return BAD_USAGE;
            }
        }
        KeyPair pair = PemKeys.generate(algorithm);
        try {
            Files.createDirectories(privateFile.toAbsolutePath().getParent());
            createOwnerOnly(privateFile);
            Files.writeString(privateFile, PemKeys.toPem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, PemKeys.toPem(pair.getPublic()), StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            err.println("passrelay keys: " + e.getFile() + " already exists; not overwriting it");
            return BAD_USAGE;
        } catch (IOException e) {
            err.println("passrelay keys: cannot write the key files (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")");
            return FAILED;
        }
        out.println("private key (" + algorithm + ", PKCS#8): " + privateFile);
        out.println("public key  (" + algorithm + ", X.509):  " + publicFile);
        return OK;
    }

    /** Creates the file with mode 0600 from the start, so the key is never readable by others, even briefly. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            FileAttribute<?> ownerOnly = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
            Files.createFile(file, ownerOnly);
        } else {
            Files.createFile(file);
        }
    }
}
