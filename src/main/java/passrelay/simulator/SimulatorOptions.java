package passrelay.simulator;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import passrelay.alipay.SignatureAlgorithm;

/**
 * How a {@link Simulator} starts; make one with {@link #builder()}. Without a client public key
 * requests are not verified; without a private key responses are unsigned. RSA_AES needs RSA keys
 * on both sides, so it works with RSA256 only.
 *
 * @param faults          the faults at start, and what {@link Simulator#reset()} returns to
 * @param timeoutHold     how long a request picked for the timeout fault is held before its
 *                        connection is dropped
 * @param arrivalCapacity arrivals kept before further ones are only counted
 * @param workerThreads   threads that read requests and write answers (answers wait on a timer, not on these)
 * @param cachedSignatures answers alike within one second share one signature, their Response-Time in
 *                        whole seconds: for benchmarks, so the simulator's RSA work leaves the worker's CPU alone
 */
public record SimulatorOptions(int port, String clientId, SignatureAlgorithm signatureAlgorithm,
                               Optional<PublicKey> clientPublicKey, Optional<PrivateKey> privateKey,
                               Optional<String> keyVersion, boolean strict, long seed, FaultSettings faults,
                               Duration timeoutHold, long arrivalCapacity, int workerThreads, boolean cachedSignatures,
                               Clock clock) {
    public static final String DEFAULT_CLIENT_ID = "local-client";
    /** AlipayHK's time zone: the default clock's, so Response-Time reads like the real gateway's. */
    public static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

    public SimulatorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("clientId must not be blank");
        }
        Objects.requireNonNull(signatureAlgorithm, "signatureAlgorithm");
        clientPublicKey.ifPresent(key -> checkKeyFits("client public key", key, signatureAlgorithm));
        privateKey.ifPresent(key -> checkKeyFits("private key", key, signatureAlgorithm));
        Objects.requireNonNull(keyVersion, "keyVersion");
        Objects.requireNonNull(faults, "faults");
        if (timeoutHold.isNegative() || timeoutHold.isZero()) {
            throw new IllegalArgumentException("timeoutHold must be positive, was " + timeoutHold);
        }
        if (arrivalCapacity < 0) {
            throw new IllegalArgumentException("arrivalCapacity must not be negative, was " + arrivalCapacity);
        }
        if (workerThreads < 1 || workerThreads > 64) {
            throw new IllegalArgumentException("workerThreads must be 1..64, was " + workerThreads);
        }
        Objects.requireNonNull(clock, "clock");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Says whether keys are set, never what they are. */
    @Override
    public String toString() {
        return "SimulatorOptions[port=" + port + ", clientId=" + clientId + ", signatureAlgorithm=" + signatureAlgorithm
                + ", requests " + (clientPublicKey.isPresent() ? "verified" : "not verified")
                + ", responses " + (privateKey.isPresent() ? "signed" : "unsigned")
                + (cachedSignatures ? " (cached)" : "") + ", strict=" + strict + ", seed=" + seed + ", faults=" + faults + "]";
    }

    private static void checkKeyFits(String what, Key key, SignatureAlgorithm algorithm) {
        String expected = algorithm.keyAlgorithm();
        boolean fits = key.getAlgorithm().equals(expected)
                || expected.equals("EC") && key.getAlgorithm().equals("ECDSA");
        if (!fits) {
            throw new IllegalArgumentException("the " + what + " is an " + key.getAlgorithm() + " key, but "
                    + algorithm + " needs an " + expected + " key");
        }
    }

    /**
     * Defaults: any free port, client {@value #DEFAULT_CLIENT_ID}, RSA256, no keys, no faults, seed 0,
     * timeout hold 60 s, 1,000,000 arrivals kept, 4 worker threads, the system clock in Hong Kong time.
     */
    public static final class Builder {
        private int port;
        private String clientId = DEFAULT_CLIENT_ID;
        private SignatureAlgorithm signatureAlgorithm = SignatureAlgorithm.RSA256;
        private Optional<PublicKey> clientPublicKey = Optional.empty();
        private Optional<PrivateKey> privateKey = Optional.empty();
        private Optional<String> keyVersion = Optional.empty();
        private boolean strict;
        private long seed;
        private FaultSettings faults = FaultSettings.NONE;
        private Duration timeoutHold = Duration.ofSeconds(60);
        private long arrivalCapacity = 1_000_000;
        private int workerThreads = 4;
        private boolean cachedSignatures;
        private Clock clock = Clock.system(HONG_KONG);

        private Builder() {
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder clientId(String value) {
            clientId = value;
            return this;
        }

        public Builder signatureAlgorithm(SignatureAlgorithm value) {
            signatureAlgorithm = Objects.requireNonNull(value, "signatureAlgorithm");
            return this;
        }

        /** The client's public key: requests are verified with it, and encrypted answers sealed for it. */
        public Builder clientPublicKey(PublicKey value) {
            clientPublicKey = Optional.of(value);
            return this;
        }

        /** The simulator's own private key: it signs responses and opens encrypted requests. */
        public Builder privateKey(PrivateKey value) {
            privateKey = Optional.of(value);
            return this;
        }

        public Builder keyVersion(String value) {
            keyVersion = Optional.of(value);
            return this;
        }

        /** Unknown passes are answered {@code PASS_HAS_NOT_EXIST} instead of being created. */
        public Builder strict(boolean value) {
            strict = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder faults(FaultSettings value) {
            faults = Objects.requireNonNull(value, "faults");
            return this;
        }

        /** How long a request picked for the timeout fault is held before its connection is dropped. */
        public Builder timeoutHold(Duration value) {
            timeoutHold = Objects.requireNonNull(value, "timeoutHold");
            return this;
        }

        /** Arrivals kept before further ones are only counted. */
        public Builder arrivalCapacity(long value) {
            arrivalCapacity = value;
            return this;
        }

        public Builder workerThreads(int value) {
            workerThreads = value;
            return this;
        }

        public Builder cachedSignatures(boolean value) {
            cachedSignatures = value;
            return this;
        }

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(port, clientId, signatureAlgorithm, clientPublicKey, privateKey, keyVersion,
                    strict, seed, faults, timeoutHold, arrivalCapacity, workerThreads, cachedSignatures, clock);
        }
    }
}
