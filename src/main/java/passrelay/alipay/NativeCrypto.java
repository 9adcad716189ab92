package passrelay.alipay;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;

/**
 * The Amazon Corretto Crypto Provider (ACCP): AWS-LC through JNI. Loaded on first use and offered only
 * when its native library loaded and its self-tests pass. Never installed in the JVM's provider list:
 * callers name it explicitly, so nothing else in the process changes provider.
 */
final class NativeCrypto {
    private NativeCrypto() {
    }

    /** What the platform offers: a healthy native provider, or why not. */
    sealed interface Availability {
        record Available(Provider provider, String description) implements Availability {
        }

        record Unavailable(String reason) implements Availability {
        }
    }

    static Availability availability() {
        return Probe.RESULT;
    }

    /** Holder: the library is loaded and self-tested once, by the first caller. */
    private static final class Probe {
        static final Availability RESULT = probe();

        private static Availability probe() {
            try {
                AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
                accp.assertHealthy();
                return new Availability.Available(accp,
                        accp.getAwsLcVersionStr() + " via ACCP " + accp.getVersionStr());
            } catch (RuntimeException | LinkageError e) { // not built for this platform, or a failed self-test
                return new Availability.Unavailable(reason(e));
            }
        }

        private static String reason(Throwable failure) {
            // ACCP's own message is generic ("Unable to load native library"): the causes say why.
            StringBuilder reason = new StringBuilder();
            for (Throwable cause = failure; cause != null && reason.length() < 500; cause = cause.getCause()) {
                reason.append(reason.length() == 0 ? "" : "; ").append(cause.getClass().getSimpleName())
                        .append(": ").append(cause.getMessage());
            }
            return reason.toString();
        }
    }
}
