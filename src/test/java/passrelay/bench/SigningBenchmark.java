package passrelay.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import passrelay.alipay.CryptoChoice;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.MessageVerifier;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/**
 * How many updatePass requests one core can sign, and responses it can verify, per second: the CPU
 * ceiling of the client, for each {@code PASSRELAY_CRYPTO} implementation. Run with {@code bench/signing.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {
    /** A typical UPDATE_MOVIE body, about 300 bytes. */
    static final String BODY = "{\"merchantId\":\"2160120041113167\",\"userId\":\"2160120037098191\","
            + "\"passId\":\"2024121119027102160254809674364\",\"status\":\"UPDATE\",\"updateDetailType\":\"UPDATE_MOVIE\","
            + "\"bizDate\":1764065730123,\"endDate\":1764152130000,\"dataInfo\":{\"$ticketName_en_US$\":\"Movie ticket\","
            + "\"$seat$\":\"Hall 3, Row F, Seat 12\",\"$showTime$\":\"2026-11-25 19:30\"}}";

    @Param({"RSA256", "ECC224"})
    public SignatureAlgorithm algorithm;

    /** {@code native} fails the run where native crypto is unavailable, rather than measuring the JDK twice. */
    @Param({"native", "jdk"})
    public String crypto;

    private MessageSigner signer;
    private MessageVerifier verifier;
    private byte[] content;
    private String signature;

    @Setup
    public void setUp() {
        CryptoChoice choice = CryptoChoice.decide(CryptoPreference.valueOf(crypto.toUpperCase(java.util.Locale.ROOT)));
        KeyPair keys = PemKeys.generate(algorithm);
        signer = new MessageSigner(algorithm, keys.getPrivate(), choice);
        verifier = new MessageVerifier(algorithm, keys.getPublic(), choice);
        content = SigningContent.of("POST", UpdatePassClient.PATH, "4Q5Y8W0WSG45P907917",
                "2026-11-25T18:15:30.123+08:00", BODY.getBytes(StandardCharsets.UTF_8));
        signature = signer.sign(content);
    }

    @Benchmark
    public String sign() {
        return signer.sign(content);
    }

    @Benchmark
    public boolean verify() {
        return verifier.verify(content, signature);
    }
}
