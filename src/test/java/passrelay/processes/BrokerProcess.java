package passrelay.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import passrelay.testing.Await;
import passrelay.testing.PassrelayJar;

/**
 * A real single-node KRaft broker (broker and controller in one) as a child JVM, on ports chosen once,
 * so that it can be stopped (SIGTERM) or killed (SIGKILL) and started again on the same ports and log
 * directory, as an operator's broker restarts. Its log goes to {@code broker.log} in its directory.
 */
public final class BrokerProcess implements AutoCloseable {
    /** Long enough for a restart after SIGKILL (about 14 s here) on a busy machine. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final String STARTED = "Kafka Server started";
    private static final String LOGBACK = """
            <configuration>
              <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{30} - %msg%n</pattern></encoder>
              </appender>
              <logger name="kafka.server.KafkaRaftServer" level="INFO"/>
              <root level="WARN"><appender-ref ref="OUT"/></root>
            </configuration>
            """;

    private final Path dir;
    private final int brokerPort;
    private final Path properties;
    private final Path log;
    private ChildJvm jvm;

    private BrokerProcess(Path dir, int brokerPort, Path properties) {
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.properties = properties;
        this.log = dir.resolve("broker.log");
    }

    /** Formats storage in {@code dir} (created if needed) for a new cluster; {@code extra} adds broker settings. */
    public static BrokerProcess format(Path dir, Map<String, String> extra) {
        try {
            Files.createDirectories(dir);
            int brokerPort = PassrelayJar.freePort();
            int controllerPort = PassrelayJar.freePort();
            Path properties = dir.resolve("server.properties");
            StringBuilder text = new StringBuilder();
            Map<String, String> all = new java.util.LinkedHashMap<>(settings(dir, brokerPort, controllerPort));
            all.putAll(extra);
            all.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
            Files.writeString(properties, text);
            Files.writeString(dir.resolve("logback-broker.xml"), LOGBACK);
            BrokerProcess broker = new BrokerProcess(dir, brokerPort, properties);
            broker.runStorageTool();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static BrokerProcess format(Path dir) {
        return format(dir, Map.of());
    }

    /** Formats and starts: a broker ready to serve. */
    public static BrokerProcess start(Path dir) {
        BrokerProcess broker = format(dir);
        broker.start();
        return broker;
    }

    private static Map<String, String> settings(Path dir, int brokerPort, int controllerPort) {
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("log.dirs", dir.resolve("data").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        // hostile runs publish 1 MB values, and their dead letters carry them with extra headers
        props.put("message.max.bytes", String.valueOf(4 * 1024 * 1024));
        props.put("replica.fetch.max.bytes", String.valueOf(4 * 1024 * 1024));
        return props;
    }

    private void runStorageTool() {
        ChildJvm tool = ChildJvm.start(jvmArguments("kafka.tools.StorageTool", "format", "--standalone",
                "-t", clusterId(), "-c", properties.toString()), Map.of(), dir.resolve("format.log"));
        Optional<Integer> exit = tool.awaitExit(Duration.ofSeconds(120));
        if (exit.isEmpty() || exit.get() != 0) {
            tool.kill();
            throw new IllegalStateException("formatting the broker's storage failed (" + exit + "): " + tool.tail(20));
        }
    }

    private List<String> jvmArguments(String mainClass, String... args) {
        List<String> arguments = new java.util.ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC",
                "-Dlogback.configurationFile=" + dir.resolve("logback-broker.xml"),
                "-cp", ChildJvm.buildClassPath(), mainClass));
        arguments.addAll(List.of(args));
        return arguments;
    }

    /** Starts the broker and returns when it serves: "Kafka Server started" logged and the port accepting. */
    public void start() {
        if (jvm != null && jvm.alive()) {
            throw new IllegalStateException("the broker is running already");
        }
        long logFrom = ChildJvm.sizeOf(log);
        jvm = ChildJvm.start(jvmArguments("kafka.Kafka", properties.toString()), Map.of(), log);
        ChildJvm started = jvm;
        Await.until(START_TIMEOUT, () -> "broker start; log tail:\n" + started.tail(20), () -> {
            if (!started.alive()) {
                throw new IllegalStateException("the broker exited while starting: " + started.tail(30));
            }
            return started.outputSince(logFrom).contains(STARTED) && accepts(brokerPort);
        });
    }

    /** SIGTERM and wait for the controlled shutdown to end. */
    public void stop() {
        signal(false);
    }

    /** SIGKILL: the broker dies without a controlled shutdown. */
    public void kill() {
        signal(true);
    }

    public void restart() {
        stop();
        start();
    }

    private void signal(boolean kill) {
        if (jvm == null) {
            return;
        }
        if (kill) {
            jvm.sigkill();
        } else {
            jvm.sigterm();
        }
        if (jvm.awaitExit(Duration.ofSeconds(120)).isEmpty()) {
            jvm.kill();
        }
    }

    public boolean running() {
        return jvm != null && jvm.alive();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path log() {
        return log;
    }

    public Path dir() {
        return dir;
    }

    /** Kills the broker if it still runs; the directory stays for a look at its log. */
    @Override
    public void close() {
        if (jvm != null) {
            jvm.kill();
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String clusterId() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.wrap(bytes).array());
    }
}
