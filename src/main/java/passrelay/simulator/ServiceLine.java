package passrelay.simulator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The capacity mode ({@code --capacity N}): at most N requests are served at once, each for the latency, and the rest
 * wait in line, first come first served, as on a server with N workers; so the latency grows with the load.
 * Thread-safe.
 */
final class ServiceLine {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int serving;

    /**
     * Starts {@code service} now when fewer than {@code capacity} (0: no limit) are being served, else when its turn
     * comes. The service calls {@link #leave} once it is done.
     */
    void enter(int capacity, Runnable service) {
        synchronized (this) {
            if (capacity > 0 && serving >= capacity) {
                waiting.addLast(service);
                return;
            }
            serving++;
        }
        service.run();
    }

    /** A service is done: the next in line start, as many as {@code capacity} (the current one) allows. */
    void leave(int capacity) {
        List<Runnable> next = new ArrayList<>();
        synchronized (this) {
            serving--;
            while (!waiting.isEmpty() && (capacity == 0 || serving < capacity)) {
                serving++;
                next.add(waiting.pollFirst());
            }
        }
        next.forEach(Runnable::run);
    }

    /** Requests waiting for their turn now. */
    synchronized int waiting() {
        return waiting.size();
    }
}
