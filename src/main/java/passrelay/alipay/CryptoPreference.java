package passrelay.alipay;

import java.util.Locale;

/** {@code PASSRELAY_CRYPTO}: which implementation should compute signatures. {@link CryptoChoice} decides. */
public enum CryptoPreference {
    /** Native where it loads and passes its self-tests, else the JDK's. */
    AUTO,
    /** Native or nothing: start-up fails without it. */
    NATIVE,
    /** The JDK's providers (Bouncy Castle for ECC224, which the JDK lacks). */
    JDK;

    /** As operators write it: {@code auto}, {@code native}, {@code jdk}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
