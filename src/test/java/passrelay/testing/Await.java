package passrelay.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a condition with a deadline, instead of sleeping for a fixed time. */
public final class Await {
    private Await() {
    }

    /** Polls {@code probe} until {@code done} accepts its value; fails with the last value at the deadline. */
    public static <T> T until(Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout + "; last value: " + value);
            }
            pause();
            value = probe.get();
        }
        return value;
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            pause();
        }
    }

    /** Like {@link #until(Duration, String, BooleanSupplier)}, describing what is still missing when it fails. */
    public static void until(Duration timeout, Supplier<String> missing, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + missing.get());
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Object monitor = new Object();
            synchronized (monitor) {
                monitor.wait(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
