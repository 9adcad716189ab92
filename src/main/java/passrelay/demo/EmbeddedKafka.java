package passrelay.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node KRaft broker in this JVM, for the demo and the integration tests. The broker
 * is not a dependency of the production jar: its classes come from the given class loader (the
 * test class path, or {@code target/demo-lib} for the demo), so it is driven by reflection over
 * the few internal entry points that are stable across Kafka 4.x.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private final Path logDir;
    private final String bootstrapServers;
    private final Object server;

    private EmbeddedKafka(Path logDir, String bootstrapServers, Object server) {
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
        this.server = server;
    }

    /** Formats storage in a fresh temp folder and starts the broker; returns when it serves. */
    public static EmbeddedKafka start(ClassLoader brokerClasses, Map<String, String> extraProperties) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(brokerClasses);
        try {
            Path logDir = Files.createTempDirectory("passrelay-kafka-");
            int brokerPort = freePort();
            int controllerPort = freePort();
            Properties props = brokerProperties(logDir, brokerPort, controllerPort);
            props.putAll(extraProperties);
            Path propsFile = logDir.resolve("server.properties");
            try (var out = Files.newOutputStream(propsFile)) {
                props.store(out, "passrelay embedded broker");
            }
            format(brokerClasses, propsFile);
            Object server = newServer(brokerClasses, props);
            server.getClass().getMethod("startup").invoke(server);
            return new EmbeddedKafka(logDir, "127.0.0.1:" + brokerPort, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker: " + rootMessage(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        try {
            server.getClass().getMethod("shutdown").invoke(server);
            server.getClass().getMethod("awaitShutdown").invoke(server);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("embedded broker did not shut down cleanly: " + rootMessage(e), e);
        } finally {
            deleteQuietly(logDir);
        }
    }

    private static Properties brokerProperties(Path logDir, int brokerPort, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.resolve("data").toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "4");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("auto.create.topics.enable", "false");
        props.put("message.max.bytes", String.valueOf(2 * 1024 * 1024));
        return props;
    }

    private static void format(ClassLoader loader, Path propsFile) throws ReflectiveOperationException {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        // "--cluster-id=": a base64url id may start with '-', which would read as an option after "-t"
        String[] args = {"format", "--standalone", "--cluster-id=" + clusterId, "--config=" + propsFile};
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Object code = Class.forName("kafka.tools.StorageTool", true, loader)
                .getMethod("execute", String[].class, PrintStream.class)
                .invoke(null, args, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (!Integer.valueOf(0).equals(code)) {
            throw new IllegalStateException("formatting broker storage failed (exit " + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private static Object newServer(ClassLoader loader, Properties props) throws ReflectiveOperationException {
        Class<?> configClass = Class.forName("kafka.server.KafkaConfig", true, loader);
        Object config = configClass.getConstructor(Map.class, boolean.class).newInstance(props, false);
        Class<?> timeClass = Class.forName("org.apache.kafka.common.utils.Time", true, loader);
        Object systemTime = timeClass.getField("SYSTEM").get(null);
        Constructor<?> constructor = Class.forName("kafka.server.KafkaRaftServer", true, loader)
                .getConstructor(configClass, timeClass);
        return constructor.newInstance(config, systemTime);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof InvocationTargetException || cause.getCause() != null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
