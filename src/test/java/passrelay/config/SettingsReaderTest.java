package passrelay.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.Encryption;
import passrelay.alipay.SignatureAlgorithm;

class SettingsReaderTest {

    @Test
    void shouldNameEveryMissingAndBadSettingInOneMessage() {
        SettingsReader reader = new SettingsReader(Map.of("PASSRELAY_MAX_IN_FLIGHT", "zero",
                "ALIPAYHK_SIGNATURE_ALGORITHM", "MD5", "PASSRELAY_RETRY_MAX_ATTEMPTS", "0"));
        KafkaSettings.read(reader);
        WorkerSettings.read(reader);
        AlipaySettings.read(reader);

        assertThatThrownBy(reader::throwIfProblems).isInstanceOf(ConfigException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS: required")
                .hasMessageContaining("ALIPAYHK_CLIENT_ID: required")
                .hasMessageContaining("ALIPAYHK_PRIVATE_KEY_FILE: required")
                .hasMessageContaining("PASSRELAY_MAX_IN_FLIGHT: 'zero' is not a whole number")
                .hasMessageContaining("PASSRELAY_RETRY_MAX_ATTEMPTS: 0 is outside 1..100")
                .hasMessageContaining("ALIPAYHK_SIGNATURE_ALGORITHM: 'MD5' is not one of");
    }

    @Test
    void shouldUseTheDefaultsOfTheSpec(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        SettingsReader reader = new SettingsReader(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "ALIPAYHK_CLIENT_ID", "client", "ALIPAYHK_PRIVATE_KEY_FILE", key.toString()));
        KafkaSettings kafka = KafkaSettings.read(reader);
        WorkerSettings worker = WorkerSettings.read(reader);
        AlipaySettings alipay = AlipaySettings.read(reader);
        reader.throwIfProblems();

        assertThat(kafka.groupId()).isEqualTo("passrelay");
        assertThat(kafka.inputTopic()).isEqualTo("pass-updates");
        assertThat(kafka.resultsTopic()).isEqualTo("pass-update-results");
        assertThat(kafka.dltTopic()).isEqualTo("pass-updates-dlt");
        assertThat(kafka.bootstrapServers()).isEqualTo("b:9092");
        assertThat(worker.maxInFlight()).isEqualTo(256);
        assertThat(worker.maxBuffered()).isEqualTo(10_000);
        assertThat(worker.retryMaxAttempts()).isEqualTo(8);
        assertThat(worker.retryInitialBackoff()).hasMillis(200);
        assertThat(worker.retryMaxBackoff()).hasMillis(30_000);
        assertThat(worker.httpPort()).isEqualTo(8080);
        assertThat(alipay.baseUrl()).hasToString("https://open.alipay.hk");
        assertThat(alipay.signatureAlgorithm()).isEqualTo(SignatureAlgorithm.RSA256);
        assertThat(alipay.encryption()).isEqualTo(Encryption.NONE);
        assertThat(alipay.keyVersion()).isEmpty();
        assertThat(alipay.timeout()).hasMillis(8000);
        assertThat(alipay.crypto()).isEqualTo(CryptoPreference.AUTO);
    }

    @Test
    void shouldReadTheCryptoPreferenceInAnyCase(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        SettingsReader reader = new SettingsReader(Map.of("ALIPAYHK_CLIENT_ID", "c",
                "ALIPAYHK_PRIVATE_KEY_FILE", key.toString(), "PASSRELAY_CRYPTO", "JDK"));

        assertThat(AlipaySettings.read(reader).crypto()).isEqualTo(CryptoPreference.JDK);
        assertThat(new SettingsReader(Map.of("PASSRELAY_CRYPTO", "native")).optional(Settings.CRYPTO))
                .isEqualTo(CryptoPreference.NATIVE);
    }

    @Test
    void shouldRefuseACryptoPreferenceItDoesNotKnow() {
        SettingsReader reader = new SettingsReader(Map.of("PASSRELAY_CRYPTO", "fast"));
        reader.optional(Settings.CRYPTO);

        assertThatThrownBy(reader::throwIfProblems).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PASSRELAY_CRYPTO: 'fast' is not one of [auto, native, jdk]");
    }

    @Test
    void shouldTurnKafkaVariablesIntoClientProperties() {
        SettingsReader reader = new SettingsReader(Map.of("KAFKA_BOOTSTRAP_SERVERS", "b:9092",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "PLAIN"));

        assertThat(reader.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("bootstrap.servers", "b:9092");
    }

    @Test
    void shouldLetTheEnvironmentWinOverTheConfigFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("passrelay.properties"),
                "PASSRELAY_GROUP_ID=from-file\nPASSRELAY_INPUT_TOPIC=file-topic\n");
        SettingsReader reader = SettingsReader.fromEnvironment(Map.of("PASSRELAY_GROUP_ID", "from-env"),
                Optional.of(file));

        assertThat(reader.optional(Settings.GROUP_ID)).isEqualTo("from-env");
        assertThat(reader.optional(Settings.INPUT_TOPIC)).isEqualTo("file-topic");
    }

    @Test
    void shouldRefuseEncryptionWithoutAlipayPublicKey(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "x");
        SettingsReader reader = new SettingsReader(Map.of("ALIPAYHK_CLIENT_ID", "c",
                "ALIPAYHK_PRIVATE_KEY_FILE", key.toString(), "ALIPAYHK_ENCRYPTION", "RSA_AES"));
        AlipaySettings.read(reader);

        assertThatThrownBy(reader::throwIfProblems).hasMessageContaining("RSA_AES needs ALIPAYHK_PUBLIC_KEY_FILE");
    }

    @Test
    void shouldRejectALogFormatThatIsNeitherJsonNorTextWithTheOtherBadSettings() {
        SettingsReader reader = SettingsReader.fromEnvironment(Map.of("PASSRELAY_LOG_FORMAT", "xml"), Optional.empty());
        KafkaSettings.read(reader);

        assertThatThrownBy(reader::throwIfProblems).isInstanceOf(ConfigException.class)
                .hasMessageContaining("PASSRELAY_LOG_FORMAT: 'xml' is not one of [json, text]")
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS: required");
    }

    @Test
    void shouldRefuseALogFormatFromTheConfigFileWhichLoggingStartsBefore(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("passrelay.properties"), "PASSRELAY_LOG_FORMAT=text\n");

        SettingsReader fromFile = SettingsReader.fromEnvironment(Map.of(), Optional.of(file));
        SettingsReader fromBoth = SettingsReader.fromEnvironment(Map.of("PASSRELAY_LOG_FORMAT", "text"),
                Optional.of(file));

        assertThatThrownBy(fromFile::throwIfProblems).hasMessageContaining("PASSRELAY_LOG_FORMAT: set it in the "
                + "environment");
        fromBoth.throwIfProblems();
    }
}
