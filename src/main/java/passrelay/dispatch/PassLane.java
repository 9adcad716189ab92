package passrelay.dispatch;

import java.util.ArrayDeque;

/** The jobs of one pass in one partition, in accept order. Only the head may be started. */
final class PassLane<T> {

    private final LaneKey key;
    private final ArrayDeque<Job<T>> jobs = new ArrayDeque<>(2);

    PassLane(LaneKey key) {
        this.key = key;
    }

    LaneKey key() {
        return key;
    }

    /** Appends {@code job}; true when it became the head, i.e. the lane was idle. */
    boolean add(Job<T> job) {
        jobs.addLast(job);
        return jobs.size() == 1;
    }

    Job<T> head() {
        return jobs.peekFirst();
    }

    /** Removes the finished head and returns the job now at the head, or null when the lane is empty. */
    Job<T> removeHead(Job<T> finished) {
        if (jobs.peekFirst() != finished) {
            throw new IllegalStateException(finished + " is not the head of lane " + key);
        }
        jobs.removeFirst();
        return jobs.peekFirst();
    }
}
