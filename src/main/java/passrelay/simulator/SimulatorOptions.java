package passrelay.simulator;

import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import passrelay.alipay.SignatureAlgorithm;

/**
 * How a {@link Simulator} starts. Built once with {@link #builder()}, validated in {@link Builder#build()}.
 * Without a client public key requests are not verified; without a private key responses are unsigned.
 * RSA_AES needs RSA keys on both sides, so it works with RSA256 only.
 */
public final class SimulatorOptions {
    public static final String DEFAULT_CLIENT_ID = "local-client";

    private final int port;
    private final String clientId;
    private final SignatureAlgorithm signatureAlgorithm;
    private final Optional<PublicKey> clientPublicKey;
    private final Optional<PrivateKey> privateKey;
    private final Optional<String> keyVersion;
    private final boolean strict;
    private final long seed;
    private final FaultSettings faults;
    private final Duration timeoutHold;
    private final long arrivalCapacity;
    private final int workerThreads;
    private final Clock clock;

    private SimulatorOptions(Builder builder) {
        port = builder.port;
        clientId = builder.clientId;
        signatureAlgorithm = builder.signatureAlgorithm;
        clientPublicKey = builder.clientPublicKey;
        privateKey = builder.privateKey;
        keyVersion = builder.keyVersion;
        strict = builder.strict;
        seed = builder.seed;
        faults = builder.faults;
        timeoutHold = builder.timeoutHold;
        arrivalCapacity = builder.arrivalCapacity;
        workerThreads = builder.workerThreads;
        clock = builder.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    public String clientId() {
        return clientId;
    }

    public SignatureAlgorithm signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public Optional<PublicKey> clientPublicKey() {
        return clientPublicKey;
    }

    public Optional<PrivateKey> privateKey() {
        return privateKey;
    }

    public Optional<String> keyVersion() {
        return keyVersion;
    }

    public boolean strict() {
        return strict;
    }

    public long seed() {
        return seed;
    }

    /** The faults at start, and what {@link Simulator#reset()} returns to. */
    public FaultSettings faults() {
        return faults;
    }

    public Duration timeoutHold() {
        return timeoutHold;
    }

    public long arrivalCapacity() {
        return arrivalCapacity;
    }

    public int workerThreads() {
        return workerThreads;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "SimulatorOptions[port=" + port + ", clientId=" + clientId + ", signatureAlgorithm=" + signatureAlgorithm
                + ", requests " + (clientPublicKey.isPresent() ? "verified" : "not verified")
                + ", responses " + (privateKey.isPresent() ? "signed" : "unsigned")
                + ", strict=" + strict + ", seed=" + seed + ", faults=" + faults + "]";
    }

    /** Defaults: any free port, client {@value #DEFAULT_CLIENT_ID}, RSA256, no keys, no faults, seed 0. */
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
        private Clock clock = Clock.systemDefaultZone();

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

        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public SimulatorOptions build() {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0..65535, was " + port);
            }
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException("clientId must not be blank");
            }
            clientPublicKey.ifPresent(key -> checkKeyFits("client public key", key));
            privateKey.ifPresent(key -> checkKeyFits("private key", key));
            if (timeoutHold.isNegative() || timeoutHold.isZero()) {
                throw new IllegalArgumentException("timeoutHold must be positive, was " + timeoutHold);
            }
            if (arrivalCapacity < 0) {
                throw new IllegalArgumentException("arrivalCapacity must not be negative, was " + arrivalCapacity);
            }
            if (workerThreads < 1 || workerThreads > 64) {
                throw new IllegalArgumentException("workerThreads must be 1..64, was " + workerThreads);
            }
            return new SimulatorOptions(this);
        }

        private void checkKeyFits(String what, Key key) {
            String expected = signatureAlgorithm.keyAlgorithm();
            boolean fits = key.getAlgorithm().equals(expected) || expected.equals("EC") && key.getAlgorithm().equals("ECDSA");
            if (!fits) {
                throw new IllegalArgumentException("the " + what + " is an " + key.getAlgorithm() + " key, but "
                        + signatureAlgorithm + " needs an " + expected + " key");
            }
        }
    }
}
