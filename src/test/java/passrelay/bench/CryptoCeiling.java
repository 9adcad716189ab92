package passrelay.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import passrelay.alipay.CryptoChoice;
import passrelay.alipay.CryptoPreference;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.MessageVerifier;
import passrelay.alipay.PemKeys;
import passrelay.alipay.SignatureAlgorithm;
import passrelay.alipay.SigningContent;
import passrelay.alipay.UpdatePassClient;
import passrelay.demo.SampleEvents;

/**
 * What the crypto alone allows per event: one RSA256 request signature and one response verification,
 * over contents the size of the worker's. Measured on one thread (per core, sign alone too) and on every
 * core at once (the ceiling); CPU time from the threads' own clocks, so the machine's other load counts less.
 */
final class CryptoCeiling {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** @param signsPerCoreSecond signatures per CPU second of one thread, sign alone */
    record Result(String crypto, double signsPerCoreSecond, double signVerifyCpuMicros, double eventsPerSecondAllCores) {
    }

    private CryptoCeiling() {
    }

    static Result measure(CryptoPreference preference, Duration duration) throws InterruptedException {
        CryptoChoice crypto = CryptoChoice.decide(preference);
        KeyPair ours = PemKeys.generate(SignatureAlgorithm.RSA256);
        KeyPair theirs = PemKeys.generate(SignatureAlgorithm.RSA256);
        MessageSigner signer = new MessageSigner(SignatureAlgorithm.RSA256, ours.getPrivate(), crypto);
        MessageVerifier verifier = new MessageVerifier(SignatureAlgorithm.RSA256, theirs.getPublic(), crypto);
        byte[] request = SigningContent.of("POST", UpdatePassClient.PATH, "bench-client", "2026-11-25T18:15:30.123+08:00",
                SampleEvents.update("bench-pass-1", 1).toString().getBytes(StandardCharsets.UTF_8));
        byte[] response = SigningContent.of("POST", UpdatePassClient.PATH, "bench-client",
                "2026-11-25T18:15:30.456+08:00",
                "{\"result\":{\"resultStatus\":\"S\",\"resultCode\":\"SUCCESS\",\"resultMessage\":\"success\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        String answer = new MessageSigner(SignatureAlgorithm.RSA256, theirs.getPrivate(), crypto).sign(response);
        Runnable signOnly = () -> signer.sign(request);
        Runnable event = () -> {
            signer.sign(request);
            if (!verifier.verify(response, answer)) {
                throw new IllegalStateException("the response signature does not verify");
            }
        };
        run(event, 1, duration.dividedBy(4)); // warm-up
        Load sign = run(signOnly, 1, duration);
        Load single = run(event, 1, duration);
        Load all = run(event, Runtime.getRuntime().availableProcessors(), duration);
        return new Result(crypto.label(), sign.operations / (sign.cpuNanos / 1e9), single.cpuNanos / 1e3 / single.operations,
                all.operations / (all.wallNanos / 1e9));
    }

    private record Load(long operations, long cpuNanos, long wallNanos) {
    }

    private static Load run(Runnable operation, int threads, Duration duration) throws InterruptedException {
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicLong operations = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                long done = 0;
                while (go.get()) {
                    operation.run();
                    done++;
                }
                operations.addAndGet(done);
                cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
            }, "crypto-ceiling-" + i);
            thread.start();
            workers.add(thread);
        }
        long end = start + duration.toNanos(); // the measured interval itself, not a wait for a condition
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
        go.set(false);
        for (Thread thread : workers) {
            thread.join();
        }
        return new Load(operations.get(), cpu.get(), System.nanoTime() - start);
    }
}
