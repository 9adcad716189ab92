package passrelay.alipay;

/**
 * The JDK's HTTP client hands every answer of {@code sendAsync} to CompletableFuture's default executor
 * before any dependent stage runs. That executor is the common fork-join pool, unless the pool's
 * parallelism is below 2 — as on a 2-core machine, where it is cores − 1 — and then it starts a new
 * thread for every answer. Giving the pool at least 2 threads keeps it a pool. The property is read once,
 * when the pool is created, so this must run first thing in {@code main}; an explicit setting wins.
 */
public final class CompletionThreads {
    static final String PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    private CompletionThreads() {
    }

    public static void useAPool() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }
}
