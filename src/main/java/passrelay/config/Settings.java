package passrelay.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.Encryption;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.ops.LogFormat;

/** Every setting passrelay reads, declared once; the README's settings table is this list. */
public final class Settings {
    private Settings() {
    }

    public static final Setting<String> KAFKA_BOOTSTRAP_SERVERS = new Setting<>("KAFKA_BOOTSTRAP_SERVERS", null,
            "brokers (required by run and replay)", Parsers::text);
    public static final Setting<String> GROUP_ID = new Setting<>("PASSRELAY_GROUP_ID", "passrelay",
            "consumer group of the worker", Parsers::text);
    public static final Setting<String> INPUT_TOPIC = new Setting<>("PASSRELAY_INPUT_TOPIC", "pass-updates",
            "topic of pass-update events", Parsers::text);
    public static final Setting<String> RESULTS_TOPIC = new Setting<>("PASSRELAY_RESULTS_TOPIC", "pass-update-results",
            "topic of outcomes", Parsers::text);
    public static final Setting<String> DLT_TOPIC = new Setting<>("PASSRELAY_DLT_TOPIC", "pass-updates-dlt",
            "dead-letter topic", Parsers::text);
    public static final Setting<Integer> MAX_IN_FLIGHT = new Setting<>("PASSRELAY_MAX_IN_FLIGHT", "256",
            "calls in flight at once, all passes together (1..10000); the most adaptive concurrency allows", raw -> Parsers.intInRange(raw, 1, 10_000));
    public static final Setting<ConcurrencyMode> CONCURRENCY = new Setting<>("PASSRELAY_CONCURRENCY", "adaptive",
            "adaptive: the limit on calls in flight follows AlipayHK's health, from PASSRELAY_MAX_IN_FLIGHT down to "
                    + "PASSRELAY_CONCURRENCY_MIN (cut by timeouts, throttling, 5xx and slow answers, regrown by "
                    + "successes); fixed: always PASSRELAY_MAX_IN_FLIGHT",
            raw -> Parsers.oneOf(raw, ConcurrencyMode.class));
    public static final Setting<Integer> CONCURRENCY_MIN = new Setting<>("PASSRELAY_CONCURRENCY_MIN", "8",
            "lowest limit on calls in flight under adaptive concurrency (1..PASSRELAY_MAX_IN_FLIGHT)",
            raw -> Parsers.intInRange(raw, 1, 10_000));
    public static final Setting<Integer> MAX_BUFFERED = new Setting<>("PASSRELAY_MAX_BUFFERED", "10000",
            "records held in memory before partitions are paused (1..1000000)",
            raw -> Parsers.intInRange(raw, 1, 1_000_000));
    public static final Setting<Integer> RETRY_MAX_ATTEMPTS = new Setting<>("PASSRELAY_RETRY_MAX_ATTEMPTS", "8",
            "calls per event before a U is final (1..100)", raw -> Parsers.intInRange(raw, 1, 100));
    public static final Setting<Integer> RETRY_INITIAL_BACKOFF_MS = new Setting<>("PASSRELAY_RETRY_INITIAL_BACKOFF_MS",
            "200", "first retry's backoff ceiling, ms (1..3600000)", raw -> Parsers.intInRange(raw, 1, 3_600_000));
    public static final Setting<Integer> RETRY_MAX_BACKOFF_MS = new Setting<>("PASSRELAY_RETRY_MAX_BACKOFF_MS",
            "30000", "largest backoff ceiling, ms (1..3600000)", raw -> Parsers.intInRange(raw, 1, 3_600_000));
    public static final Setting<Integer> BREAKER_FAILURE_RATE = new Setting<>("PASSRELAY_BREAKER_FAILURE_RATE", "50",
            "% of failing calls in the window that opens AlipayHK's circuit breaker (1..100)",
            raw -> Parsers.intInRange(raw, 1, 100));
    public static final Setting<Integer> BREAKER_MIN_CALLS = new Setting<>("PASSRELAY_BREAKER_MIN_CALLS", "20",
            "calls in the window before the failure rate is judged (1..PASSRELAY_BREAKER_WINDOW)",
            raw -> Parsers.intInRange(raw, 1, 100_000));
    public static final Setting<Integer> BREAKER_WINDOW = new Setting<>("PASSRELAY_BREAKER_WINDOW", "100",
            "calls in the breaker's sliding window (1..100000)", raw -> Parsers.intInRange(raw, 1, 100_000));
    public static final Setting<Integer> BREAKER_MAX_WAIT_MS = new Setting<>("PASSRELAY_BREAKER_MAX_WAIT_MS", "30000",
            "longest open wait before half-open trial calls, ms; the wait starts at 1 s (or this, if less) and "
                    + "doubles (100..3600000)", raw -> Parsers.intInRange(raw, 100, 3_600_000));
    public static final Setting<CryptoPreference> CRYPTO = new Setting<>("PASSRELAY_CRYPTO", "auto",
            "signing: auto (native AWS-LC where it loads and passes its self-tests, else the JDK's; the start-up log "
                    + "says which), native (start-up fails without it) or jdk",
            raw -> Parsers.oneOf(raw, CryptoPreference.class));
    public static final Setting<LogFormat> LOG_FORMAT = Setting.defaultByCommand(LogFormat.VARIABLE,
            "`json` for run and replay, `text` for the others",
            "log lines on standard error: json (one JSON object per line) or text; read from the environment only "
                    + "(logging starts before --config FILE is read)", raw -> Parsers.oneOf(raw, LogFormat.class));
    public static final Setting<Integer> HTTP_PORT = new Setting<>("PASSRELAY_HTTP_PORT", "8080",
            "port of /health/live, /health/ready, /metrics (0 = any free port)",
            raw -> Parsers.intInRange(raw, 0, 65_535));
    public static final Setting<URI> ALIPAYHK_BASE_URL = new Setting<>("ALIPAYHK_BASE_URL", "https://open.alipay.hk",
            "AlipayHK's gateway", Parsers::httpUrl);
    public static final Setting<String> ALIPAYHK_CLIENT_ID = new Setting<>("ALIPAYHK_CLIENT_ID", null,
            "our Client-Id (required by run and call)", Parsers::text);
    public static final Setting<String> ALIPAYHK_MERCHANT_ID = new Setting<>("ALIPAYHK_MERCHANT_ID", null,
            "default merchantId for events without one", Parsers::text);
    public static final Setting<Path> ALIPAYHK_PRIVATE_KEY_FILE = new Setting<>("ALIPAYHK_PRIVATE_KEY_FILE", null,
            "our PKCS#8 private key, PEM (required by run and call)", Parsers::readableFile);
    public static final Setting<Path> ALIPAYHK_PUBLIC_KEY_FILE = new Setting<>("ALIPAYHK_PUBLIC_KEY_FILE", null,
            "AlipayHK's public key, PEM; enables response verification (RSA key: RSA256, EC key: ECC224) and encryption",
            Parsers::readableFile);
    public static final Setting<SignatureAlgorithm> ALIPAYHK_SIGNATURE_ALGORITHM = new Setting<>(
            "ALIPAYHK_SIGNATURE_ALGORITHM", "RSA256", "RSA256 or ECC224",
            raw -> Parsers.oneOf(raw, SignatureAlgorithm.class));
    public static final Setting<String> ALIPAYHK_KEY_VERSION = new Setting<>("ALIPAYHK_KEY_VERSION", null,
            "keyVersion of the Signature header; omitted when unset", Parsers::text);
    public static final Setting<Encryption> ALIPAYHK_ENCRYPTION = new Setting<>("ALIPAYHK_ENCRYPTION", "NONE",
            "NONE or RSA_AES (needs ALIPAYHK_PUBLIC_KEY_FILE)", raw -> Parsers.oneOf(raw, Encryption.class));
    public static final Setting<Integer> ALIPAYHK_TIMEOUT_MS = new Setting<>("ALIPAYHK_TIMEOUT_MS", "8000",
            "per call, ms (1..600000)", raw -> Parsers.intInRange(raw, 1, 600_000));

    public static final List<Setting<?>> ALL = List.of(KAFKA_BOOTSTRAP_SERVERS, GROUP_ID, INPUT_TOPIC, RESULTS_TOPIC,
            DLT_TOPIC, MAX_IN_FLIGHT, CONCURRENCY, CONCURRENCY_MIN, MAX_BUFFERED, RETRY_MAX_ATTEMPTS, RETRY_INITIAL_BACKOFF_MS, RETRY_MAX_BACKOFF_MS,
            BREAKER_FAILURE_RATE, BREAKER_MIN_CALLS, BREAKER_WINDOW, BREAKER_MAX_WAIT_MS, CRYPTO, LOG_FORMAT, HTTP_PORT,
            ALIPAYHK_BASE_URL, ALIPAYHK_CLIENT_ID, ALIPAYHK_MERCHANT_ID, ALIPAYHK_PRIVATE_KEY_FILE,
            ALIPAYHK_PUBLIC_KEY_FILE, ALIPAYHK_SIGNATURE_ALGORITHM, ALIPAYHK_KEY_VERSION, ALIPAYHK_ENCRYPTION,
            ALIPAYHK_TIMEOUT_MS);
}
