package passrelay.dispatch;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The dispatcher as the relay engine uses it, record by record: queue in a pass's lane, start calls,
 * retry, finish, and mark outcomes published. Implemented by {@link Dispatcher}; single-threaded.
 */
public interface PassLanes<T> {

    /** Ask first for every record read: true when an earlier owner finished it (then it is done; go no further). */
    boolean skipIfFinished(SourcePartition partition, long offset);

    Job<T> accept(SourcePartition partition, long offset, String passId, T payload);

    Settled acceptSettled(SourcePartition partition, long offset);

    /** Starts what may run now while fewer than {@code limit} calls are in flight (never more than maxInFlight). */
    List<Job<T>> start(int limit, BooleanSupplier permit);

    void retryLater(Job<T> job, boolean countAttempt);

    void finish(Job<T> job);

    void landStale(Job<T> job);

    boolean isCurrent(Job<T> job);

    boolean isCurrent(Settled settled);

    boolean published(Job<T> job);

    boolean published(Settled settled);

    int inFlight();

    int buffered();

    int lanes();

    /** Jobs waiting for a retry's backoff to pass. */
    int retriesWaiting();
}
