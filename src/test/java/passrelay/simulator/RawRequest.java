package passrelay.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.UnaryOperator;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SignatureHeader;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;

/**
 * A hand-built updatePass request, signed like the real client signs, with a knob for each way a
 * request can be wrong. Sent with the JDK HttpClient over HTTP/1.1.
 */
final class RawRequest {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final URI baseUrl;
    private String method = "POST";
    private String path = UpdatePassClient.PATH;
    private String clientId;
    private String requestTime = OffsetDateTime.now().format(ResponseSigner.RESPONSE_TIME);
    private byte[] body;
    private SignatureAlgorithm algorithm;
    private PrivateKey signingKey;
    private UnaryOperator<byte[]> afterSigning = UnaryOperator.identity();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(30);
    private boolean lowerCaseNames;

    RawRequest(URI baseUrl, String clientId, SignatureAlgorithm algorithm, PrivateKey signingKey, String body) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.algorithm = algorithm;
        this.signingKey = signingKey;
        this.body = body.getBytes(StandardCharsets.UTF_8);
        headers.put("Content-Type", "application/json; charset=UTF-8");
    }

    RawRequest method(String value) {
        method = value;
        return this;
    }

    RawRequest path(String value) {
        path = value;
        return this;
    }

    RawRequest clientId(String value) {
        clientId = value;
        return this;
    }

    RawRequest requestTime(String value) {
        requestTime = value;
        return this;
    }

    RawRequest body(byte[] value) {
        body = value;
        return this;
    }

    /** Signs with this key (null: no Signature header). */
    RawRequest signedWith(SignatureAlgorithm signatureAlgorithm, PrivateKey key) {
        algorithm = signatureAlgorithm;
        signingKey = key;
        return this;
    }

    /** Changes the body after it was signed, as a man in the middle would. */
    RawRequest tamperedAfterSigning(UnaryOperator<byte[]> change) {
        afterSigning = change;
        return this;
    }

    /** Sets or replaces a header, signed ones included (null removes it); the name is sent as given. */
    RawRequest header(String name, String value) {
        put(headers, name, value);
        return this;
    }

    /** Sends every header name in lower case. */
    RawRequest lowerCaseHeaderNames() {
        lowerCaseNames = true;
        return this;
    }

    RawRequest timeout(Duration value) {
        timeout = value;
        return this;
    }

    RawResponse send() {
        try {
            return sendAsync().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw e;
        }
    }

    CompletableFuture<RawResponse> sendAsync() {
        return sendAsync(build());
    }

    /** Sends a request built (and signed) earlier. */
    static CompletableFuture<RawResponse> sendAsync(HttpRequest request) {
        long start = System.nanoTime();
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new RawResponse(response.statusCode(), response.headers(), response.body(),
                        (System.nanoTime() - start) / 1_000_000));
    }

    /** The signed request, ready to send. */
    HttpRequest build() {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path)).timeout(timeout);
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Client-Id", clientId);
        sent.put("Request-Time", requestTime);
        if (signingKey != null) {
            String signature = new MessageSigner(algorithm, signingKey)
                    .sign(SigningContent.of("POST", path, clientId, requestTime, body));
            sent.put("Signature", new SignatureHeader(algorithm.name(), Optional.of("1"), signature).format());
        }
        headers.forEach((name, value) -> put(sent, name, value));
        sent.forEach((name, value) -> {
            if (value != null) {
                request.header(lowerCaseNames ? name.toLowerCase(Locale.ROOT) : name, value);
            }
        });
        return request.method(method, HttpRequest.BodyPublishers.ofByteArray(afterSigning.apply(body))).build();
    }

    private static void put(Map<String, String> headers, String name, String value) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
    }
}
