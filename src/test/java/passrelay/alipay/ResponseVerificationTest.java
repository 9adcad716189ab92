package passrelay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static passrelay.alipay.ClientFixture.HONG_KONG_CLOCK;
import static passrelay.alipay.ClientFixture.resultBody;
import static passrelay.alipay.ClientFixture.update;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import passrelay.alipay.ClientFixture.ReplySigning;
import passrelay.config.AlipaySettings;

/**
 * Which answers the client trusts: signed over our own Client-Id (as Alipay's SDK checks), with the
 * algorithm AlipayHK's key is for, whatever algorithm our requests are signed with.
 */
class ResponseVerificationTest {
    private static final KeyPair OUR_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    private static final KeyPair OUR_EC = PemKeys.generate(SignatureAlgorithm.ECC224);
    private static final KeyPair ALIPAY_RSA = PemKeys.generate(SignatureAlgorithm.RSA256);
    private static final KeyPair ALIPAY_EC = PemKeys.generate(SignatureAlgorithm.ECC224);
    private static final byte[] SUCCESS = resultBody("S", "SUCCESS");

    private static Exchange call(ReplySigning signing, SignatureAlgorithm weSignWith, PrivateKey ourKey,
                                 PublicKey alipayKey) throws Exception {
        return call(signing, Map.of(), weSignWith, ourKey, alipayKey);
    }

    private static Exchange call(ReplySigning signing, Map<String, String> extraHeaders, SignatureAlgorithm weSignWith,
                                 PrivateKey ourKey, PublicKey alipayKey) throws Exception {
        return call(request -> signing.reply(SUCCESS, extraHeaders), weSignWith, ourKey, alipayKey,
                CryptoChoice.decide(CryptoPreference.AUTO));
    }

    private static Exchange call(LocalHttpServer.Responder alipay, SignatureAlgorithm weSignWith, PrivateKey ourKey,
                                 PublicKey alipayKey, CryptoChoice crypto) throws Exception {
        try (LocalHttpServer server = LocalHttpServer.start(alipay)) {
            AlipaySettings settings = new AlipaySettings(server.baseUrl(), ClientFixture.CLIENT_ID, Optional.empty(),
                    Path.of("unused.pem"), Optional.empty(), weSignWith, Optional.empty(), Encryption.NONE,
                    Duration.ofSeconds(5));
            try (HttpUpdatePassClient client = new HttpUpdatePassClient(settings, HONG_KONG_CLOCK, ourKey,
                    Optional.of(alipayKey), crypto)) {
                return client.exchange(update()).get(20, TimeUnit.SECONDS);
            }
        }
    }

    private static Exchange rsaCall(ReplySigning signing) throws Exception {
        return call(signing, SignatureAlgorithm.RSA256, OUR_RSA.getPrivate(), ALIPAY_RSA.getPublic());
    }

    @Test
    void shouldNotTrustAGenuineAnswerReplayedLongAfterItWasSigned() throws Exception {
        // signed correctly by AlipayHK, but six minutes before our clock: a copy of an old answer
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).answeredAt("2026-11-25T18:09:30.123+08:00"));

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(exchange.outcome().resultMessage()).contains("Response-Time is 360 s from our clock");
    }

    @Test
    void shouldTrustAnAnswerWhoseClockIsAFewMinutesOff() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).answeredAt("2026-11-25T18:19:30.123+08:00"));

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(exchange.outcome().resultCode()).isEqualTo("SUCCESS");
    }

    @Test
    void shouldNotTrustAnAnswerWhoseResponseTimeIsNotATime() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).answeredAt("yesterday"));

        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(exchange.outcome().resultMessage()).contains("not an ISO-8601 time");
    }

    @Test
    void shouldNotTrustAnAnswerAlipayhkSignedForAnotherClient() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).forClient("other"));

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Unknown.class);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(exchange.outcome().resultMessage()).contains("our Client-Id");
    }

    @Test
    void shouldVerifyOverOurClientIdWhateverClientIdHeaderTheAnswerCarries() throws Exception {
        Exchange exchange = call(ReplySigning.rsa256(ALIPAY_RSA), Map.of("Client-Id", "other"),
                SignatureAlgorithm.RSA256, OUR_RSA.getPrivate(), ALIPAY_RSA.getPublic());

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
    }

    @Test
    void shouldVerifyAnRsa256AnswerToRequestsSignedWithEcc224() throws Exception {
        Exchange exchange = call(ReplySigning.rsa256(ALIPAY_RSA), SignatureAlgorithm.ECC224, OUR_EC.getPrivate(),
                ALIPAY_RSA.getPublic());

        assertThat(exchange.request().orElseThrow().headers().get("Signature")).startsWith("algorithm=ECC224,");
        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
    }

    @Test
    void shouldVerifyAnEcc224AnswerToRequestsSignedWithRsa256() throws Exception {
        ReplySigning ecc224 = new ReplySigning(ALIPAY_EC.getPrivate(), SignatureAlgorithm.ECC224, "ECC224",
                ClientFixture.CLIENT_ID);

        Exchange exchange = call(ecc224, SignatureAlgorithm.RSA256, OUR_RSA.getPrivate(), ALIPAY_EC.getPublic());

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
        assertThat(exchange.outcome()).isInstanceOf(CallOutcome.Success.class);
    }

    @Test
    void shouldNotTrustAnAnswerNamingAnAlgorithmThatDoesNotFitAlipayhksKey() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).namingAlgorithm("ECC224"));

        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(exchange.outcome().resultMessage())
                .isEqualTo("response is signed with ECC224, but AlipayHK's public key is an RSA key (RSA256)");
    }

    @Test
    void shouldNotTrustAnEcc224AnswerWhenAlipayhksKeyIsRsa() throws Exception {
        ReplySigning ecc224 = new ReplySigning(ALIPAY_EC.getPrivate(), SignatureAlgorithm.ECC224, "ECC224",
                ClientFixture.CLIENT_ID);

        Exchange exchange = rsaCall(ecc224);

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.FAILED);
        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
    }

    @Test
    void shouldNotTrustAnAnswerNamingAnAlgorithmAlipayhkDoesNotUse() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).namingAlgorithm("MD5"));

        assertThat(exchange.outcome().resultCode()).isEqualTo("UNTRUSTED_RESPONSE");
        assertThat(exchange.outcome().resultMessage()).contains("unknown algorithm");
    }

    @Test
    void shouldCheckAnAnswerThatNamesNoAlgorithmWithTheAlgorithmOfAlipayhksKey() throws Exception {
        Exchange exchange = rsaCall(ReplySigning.rsa256(ALIPAY_RSA).namingAlgorithm(null));

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void aClientOnTheJdkShouldTrustAnAnswerSignedNatively() throws Exception {
        CryptoChoice nativeCrypto = CryptoChoice.decide(CryptoPreference.NATIVE);

        Exchange exchange = call(request -> ReplySigning.rsa256(ALIPAY_RSA).reply(SUCCESS, Map.of(), nativeCrypto),
                SignatureAlgorithm.RSA256, OUR_RSA.getPrivate(), ALIPAY_RSA.getPublic(), CryptoChoice.jdk());

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @EnabledIfSystemProperty(named = "os.arch", matches = "amd64|x86_64")
    void aNativeClientShouldTrustAnAnswerSignedOnTheJdk() throws Exception {
        CryptoChoice nativeCrypto = CryptoChoice.decide(CryptoPreference.NATIVE);

        Exchange exchange = call(request -> ReplySigning.rsa256(ALIPAY_RSA).reply(SUCCESS, Map.of(), CryptoChoice.jdk()),
                SignatureAlgorithm.RSA256, OUR_RSA.getPrivate(), ALIPAY_RSA.getPublic(), nativeCrypto);

        assertThat(exchange.response().orElseThrow().trust()).isEqualTo(ResponseTrust.VERIFIED);
    }
}
