package passrelay.demo;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the demo finds Kafka's broker: on the class path when there (tests, IDE), else in
 * {@code demo-lib/} beside the jar, which {@code mvn package} fills. The production jar does not carry it.
 */
final class BrokerClasses {
    private static final String BROKER_CLASS = "kafka.server.KafkaRaftServer";

    private BrokerClasses() {
    }

    static ClassLoader find() {
        ClassLoader own = BrokerClasses.class.getClassLoader();
        try {
            Class.forName(BROKER_CLASS, false, own);
            return own;
        } catch (ClassNotFoundException e) {
            Path dir = demoLib().orElseThrow(() -> new IllegalStateException(
                    "the demo's Kafka broker is not here: expected demo-lib/ beside passrelay.jar (run 'mvn package')"));
            File[] jars = dir.toFile().listFiles((folder, name) -> name.endsWith(".jar"));
            URL[] urls = Arrays.stream(jars == null ? new File[0] : jars).map(BrokerClasses::url).toArray(URL[]::new);
            return new URLClassLoader("demo-broker", urls, own);
        }
    }

    private static Optional<Path> demoLib() {
        try {
            Path jar = Path.of(BrokerClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = jar.resolveSibling("demo-lib");
            return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static URL url(File file) {
        try {
            return file.toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }
}
