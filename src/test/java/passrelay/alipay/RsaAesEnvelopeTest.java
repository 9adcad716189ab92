package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RsaAesEnvelopeTest {
    private static final byte[] PLAIN = "{\"passId\":\"P-1\",\"dataInfo\":{\"name\":\"電影票 café\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private final KeyPair receiver = PemKeys.generate(SignatureAlgorithm.RSA256);

    @Test
    void shouldOpenWhatItSealed() throws GeneralSecurityException {
        RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(PLAIN, receiver.getPublic());

        assertThat(RsaAesEnvelope.open(sealed.body(), sealed.encryptHeader(Optional.of("1")), receiver.getPrivate()))
                .isEqualTo(PLAIN);
    }

    @Test
    void shouldSealWithAFreshKeyEachTime() {
        RsaAesEnvelope.Sealed first = RsaAesEnvelope.seal(PLAIN, receiver.getPublic());
        RsaAesEnvelope.Sealed second = RsaAesEnvelope.seal(PLAIN, receiver.getPublic());

        assertThat(first.body()).isNotEqualTo(second.body());
        assertThat(first.symmetricKey()).isNotEqualTo(second.symmetricKey());
        assertThat(Base64.getDecoder().decode(first.body())).hasSize(64); // AES blocks, padded, nothing in clear
        assertThat(first.encryptHeader(Optional.of("1"))).startsWith("algorithm=RSA_AES,keyVersion=1,symmetricKey=");
        assertThat(first.encryptHeader(Optional.empty())).startsWith("algorithm=RSA_AES,symmetricKey=");
    }

    @Test
    void shouldFailToOpenWithTheWrongKey() {
        RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(PLAIN, receiver.getPublic());
        KeyPair someoneElse = PemKeys.generate(SignatureAlgorithm.RSA256);

        assertThatThrownBy(() -> RsaAesEnvelope.open(sealed.body(), sealed.encryptHeader(Optional.empty()),
                someoneElse.getPrivate())).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void shouldFailToOpenWithoutASymmetricKey() {
        RsaAesEnvelope.Sealed sealed = RsaAesEnvelope.seal(PLAIN, receiver.getPublic());

        assertThatThrownBy(() -> RsaAesEnvelope.open(sealed.body(), "algorithm=RSA_AES", receiver.getPrivate()))
                .isInstanceOf(GeneralSecurityException.class);
    }
}
