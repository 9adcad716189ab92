package passrelay.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Key;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import passrelay.alipay.MessageSigner;
import passrelay.alipay.MessageVerifier;

/**
 * A local stand-in for AlipayHK's updatePass on 127.0.0.1 (SPEC section 8): it checks requests as
 * the gateway would, keeps each pass's state, signs its answers, injects faults and records what
 * arrived. Requests are read on a small worker pool and answered later from a timer, so hundreds
 * can wait out an injected latency at once without a thread each.
 */
public final class Simulator implements AutoCloseable {
    static {
        // The JDK server writes headers and body apart; without TCP_NODELAY every answer waits out
        // the client's delayed ACK (about 40 ms), which would swamp the latency the simulator injects.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private static final int BACKLOG = 1024;

    private final SimulatorOptions options;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ReplyScheduler scheduler;
    private final Faults faults;
    private final PassBook passes = new PassBook();
    private final ArrivalLog arrivals;
    private final PassOverlaps overlaps = new PassOverlaps();
    private final Throttle throttle = new Throttle();
    private final ServiceLine line = new ServiceLine();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Simulator(SimulatorOptions options) throws IOException {
        this.options = options;
        ObjectMapper json = new ObjectMapper();
        FaultDice dice = new FaultDice(options.seed());
        faults = new Faults(options.faults(), options.clock());
        arrivals = new ArrivalLog(options.arrivalCapacity());
        workers = Executors.newFixedThreadPool(options.workerThreads(), daemonThreads("simulator-worker"));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, daemonThreads("simulator-timer"));
        timer.setRemoveOnCancelPolicy(true);
        scheduler = new ReplyScheduler(timer, workers, options.timeoutHold());
        RequestGate gate = new RequestGate(options.clientId(), options.signatureAlgorithm(),
                options.clientPublicKey().map(key -> new MessageVerifier(options.signatureAlgorithm(), key)),
                options.privateKey().filter(Simulator::isRsa), json);
        ResponseSigner signer = new ResponseSigner(options.clientId(),
                options.privateKey().map(key -> new MessageSigner(options.signatureAlgorithm(), key)),
                options.keyVersion(), options.clientPublicKey().filter(Simulator::isRsa), options.clock(), json,
                dice.nextLong(), options.cachedSignatures());
        UpdateDesk desk = new UpdateDesk(passes, arrivals, faults, dice, options.strict());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), BACKLOG);
        server.createContext("/", new UpdatePassEndpoint(gate, desk, faults, signer, scheduler, overlaps, throttle,
                line));
        server.createContext("/admin/", new AdminEndpoint(this, json));
        server.setExecutor(workers);
    }

    /** Starts serving; throws {@link UncheckedIOException} when the port cannot be bound. */
    public static Simulator start(SimulatorOptions options) {
        try {
            Simulator simulator = new Simulator(options);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("simulator cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, to use as {@code ALIPAYHK_BASE_URL}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The live fault settings: changes apply to the next request. */
    public Faults faults() {
        return faults;
    }

    /** Queues answers for the pass's next requests, one per request, before normal processing. */
    public void script(String passId, List<ScriptedResponse> responses) {
        passes.script(passId, List.copyOf(responses));
    }

    public void script(String passId, ScriptedResponse... responses) {
        script(passId, List.of(responses));
    }

    /** Creates a pass as ACTIVE, the way to make one known when the simulator is strict. */
    public void createPass(String passId) {
        passes.create(passId);
    }

    public PassState passState(String passId) {
        return passes.state(passId);
    }

    /** The pass's arrivals in the order it processed them. */
    public List<Arrival> arrivals(String passId) {
        return arrivals.of(passId);
    }

    /** Every arrival, by sequence number. */
    public List<Arrival> allArrivals() {
        return arrivals.all();
    }

    /** Arrivals not kept because {@link SimulatorOptions#arrivalCapacity()} was reached. */
    public long arrivalsDropped() {
        return arrivals.dropped();
    }

    /**
     * Requests that arrived while another request of their pass, with a different update, was still
     * unanswered: a client that keeps one call per pass at a time never causes one (held requests count
     * until their hold ends).
     */
    public long overlappingCalls() {
        return overlaps.count();
    }

    /** Requests that arrived while the same update of their pass was still unanswered: retries after a timeout. */
    public long repeatedWhileUnanswered() {
        return overlaps.repeats();
    }

    /** The passes with {@link #overlappingCalls() overlapping calls} (the first 1,000). */
    public List<String> overlappingPasses() {
        return overlaps.passes();
    }

    /** Requests being served now: admitted past the throttle, not yet answered (held ones included). */
    public int requestsBeingServed() {
        return throttle.unanswered();
    }

    /** Requests waiting in line for the capacity ({@code --capacity}) now. */
    public int requestsWaiting() {
        return line.waiting();
    }

    /** Requests admitted past the throttle since the start or the last reset. */
    public long requestsAdmitted() {
        return throttle.admitted();
    }

    /** Requests turned away by the throttle ({@code --max-concurrent}) since the start or the last reset. */
    public long requestsThrottled() {
        return throttle.throttled();
    }

    /** Requests held by the timeout fault right now. */
    public int heldRequests() {
        return scheduler.heldCount();
    }

    /** Forgets every pass, script, arrival and overlap, and puts the faults back to the start options. */
    public void reset() {
        passes.clear();
        arrivals.clear();
        overlaps.clear();
        throttle.clear();
        faults.set(options.faults());
    }

    Instant now() {
        return options.clock().instant();
    }

    /** Stops listening, drops held and pending answers with their connections. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.close();
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "Simulator[" + baseUrl() + ", " + options + "]";
    }

    private static boolean isRsa(Key key) {
        return key.getAlgorithm().equals("RSA");
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
