package passrelay.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import passrelay.config.AlipaySettings;

/**
 * The real {@link UpdatePassClient}: {@code java.net.http}, asynchronous end to end. The body is
 * serialized, encrypted and signed on a small CPU-sized pool, off the caller's thread (the worker's event
 * loop), and sent without blocking a thread; the response is verified, decrypted and
 * classified by {@link ResponseClassifier}. Every failure becomes a {@link CallOutcome}.
 *
 * <p>Three timers share {@code ALIPAYHK_TIMEOUT_MS}: the connect timeout, the JDK's request timeout
 * (which stops once response headers arrive) and a deadline on the whole exchange, which also covers a
 * body that stalls. Whichever fires, the outcome is {@code TIMEOUT}.
 */
public final class HttpUpdatePassClient implements UpdatePassClient {
    private static final Logger log = LoggerFactory.getLogger(HttpUpdatePassClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration timeout;
    private final RequestSigner requestSigner;
    private final ResponseReader responseReader;
    private final ExecutorService signingPool;
    private final HttpClient http;
    private final CryptoChoice crypto;

    /** With the crypto {@code settings} ask for (see {@link CryptoChoice}). */
    public HttpUpdatePassClient(AlipaySettings settings, Clock clock, PrivateKey ourKey, Optional<PublicKey> alipayKey) {
        this(settings, clock, ourKey, alipayKey, CryptoChoice.decide(settings.crypto()));
    }

    /**
     * @param ourKey    our private key, for the algorithm in {@code settings}
     * @param alipayKey AlipayHK's public key: verifies responses with the algorithm its type is for (RSA256
     *                  or ECC224, whatever we sign with), and wraps AES keys when RSA_AES is on
     */
    public HttpUpdatePassClient(AlipaySettings settings, Clock clock, PrivateKey ourKey, Optional<PublicKey> alipayKey,
                                CryptoChoice crypto) {
        if (settings.encryption() == Encryption.RSA_AES && alipayKey.filter(HttpUpdatePassClient::isRsa).isEmpty()) {
            throw new IllegalArgumentException("RSA_AES needs AlipayHK's RSA public key");
        }
        this.timeout = settings.timeout();
        this.crypto = crypto;
        URI endpoint = URI.create(settings.baseUrl().toString() + PATH);
        Optional<PublicKey> encryptionKey = settings.encryption() == Encryption.RSA_AES ? alipayKey : Optional.empty();
        this.requestSigner = new RequestSigner(endpoint, settings.clientId(), settings.keyVersion(),
                new MessageSigner(settings.signatureAlgorithm(), ourKey, crypto), encryptionKey, clock);
        this.responseReader = new ResponseReader(settings.clientId(),
                alipayKey.map(key -> new MessageVerifier(verifiedWith(key), key, crypto)), ourKey, JSON, clock);
        int cores = Runtime.getRuntime().availableProcessors();
        this.signingPool = Executors.newFixedThreadPool(cores, daemonThreads("passrelay-signing-"));
        // the JDK's default is a cached pool: under hundreds of calls in flight it grows dozens of threads that
        // only take turns on the cores; answers are read, verified and classified without blocking
        // (left running on close, so calls in flight still end; idle threads go after a minute)
        ThreadPoolExecutor httpPool = new ThreadPoolExecutor(cores, cores, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), daemonThreads("passrelay-http-"));
        httpPool.allowCoreThreadTimeOut(true);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(httpPool).build();
    }

    /**
     * Decides the crypto (and says which in the log), then loads the keys named in {@code settings}.
     *
     * @throws KeyFileException when a key file cannot be used (the message names the file, never key material)
     * @throws passrelay.config.ConfigException when {@code PASSRELAY_CRYPTO=native} and native crypto is unavailable
     */
    public static HttpUpdatePassClient create(AlipaySettings settings, Clock clock) {
        CryptoChoice crypto = CryptoChoice.decide(settings.crypto());
        log.info(crypto.startupLine());
        PrivateKey ourKey = PemKeys.readPrivateKey(settings.privateKeyFile(), settings.signatureAlgorithm());
        Optional<PublicKey> alipayKey = settings.publicKeyFile().map(PemKeys::readPublicKey);
        if (settings.encryption() == Encryption.RSA_AES && alipayKey.filter(key -> !isRsa(key)).isPresent()) {
            throw new KeyFileException(settings.publicKeyFile().orElseThrow()
                    + ": RSA_AES needs an RSA public key to wrap the AES key, this is an EC key");
        }
        return new HttpUpdatePassClient(settings, clock, ourKey, alipayKey, crypto);
    }

    /** Which implementation signs and verifies: {@code passrelay.build.info} reports it. */
    public CryptoChoice crypto() {
        return crypto;
    }

    private static boolean isRsa(PublicKey key) {
        return key.getAlgorithm().equals("RSA");
    }

    private static SignatureAlgorithm verifiedWith(PublicKey alipayKey) {
        return SignatureAlgorithm.forKey(alipayKey).orElseThrow(() -> new IllegalArgumentException(
                "AlipayHK's public key must be an RSA or EC key, not " + alipayKey.getAlgorithm()));
    }

    @Override
    public CompletableFuture<CallOutcome> updatePass(ObjectNode update) {
        return exchange(update).thenApply(Exchange::outcome);
    }

    /** The call in full — request as sent, response, verdict, outcome. Never completes exceptionally. */
    public CompletableFuture<Exchange> exchange(ObjectNode update) {
        try {
            return CompletableFuture.supplyAsync(() -> requestSigner.sign(serialize(update)), signingPool)
                    .thenCompose(this::send)
                    .exceptionally(HttpUpdatePassClient::notSent);
        } catch (RejectedExecutionException e) { // closed
            return CompletableFuture.completedFuture(notSent(e));
        }
    }

    private static byte[] serialize(ObjectNode update) {
        try {
            return JSON.writeValueAsBytes(update);
        } catch (JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e); // becomes a not-sent outcome, like any failure before sending
        }
    }

    private CompletableFuture<Exchange> send(SignedRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        CompletableFuture<HttpResponse<byte[]>> sending = http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return sending.copy()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, failure) -> sending.cancel(true)) // frees a stalled exchange; no-op when done
                .handle((response, failure) -> failure == null
                        ? received(request, response)
                        : new Exchange(Optional.of(request), Optional.empty(), ResponseClassifier.classifyFailure(failure)));
    }

    private Exchange received(SignedRequest request, HttpResponse<byte[]> response) {
        ReceivedResponse received = responseReader.read(response.statusCode(), response.headers(), response.body());
        CallOutcome outcome = ResponseClassifier.classify(received.status(), received.content(), received.tracerId());
        return new Exchange(Optional.of(request), Optional.of(received), outcome);
    }

    private static Exchange notSent(Throwable failure) {
        return new Exchange(Optional.empty(), Optional.empty(), ResponseClassifier.classifyFailure(failure));
    }

    /** Stops the signing pool; calls already signed still complete. */
    @Override
    public void close() {
        signingPool.shutdown();
    }

    @Override
    public String toString() {
        return "HttpUpdatePassClient[" + requestSigner + "]";
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
