package passrelay.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/**
 * How many updatePass requests one core can sign per second: the CPU ceiling of the client. Run with
 * {@code bench/signing.sh}.
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

    private MessageSigner signer;
    private byte[] content;

    @Setup
    public void setUp() {
        signer = new MessageSigner(algorithm, PemKeys.generate(algorithm).getPrivate());
        content = SigningContent.of("POST", UpdatePassClient.PATH, "4Q5Y8W0WSG45P907917",
                "2026-11-25T18:15:30.123+08:00", BODY.getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public String sign() {
        return signer.sign(content);
    }
}
