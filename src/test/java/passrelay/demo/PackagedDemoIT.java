package passrelay.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo as a user runs it, {@code java -jar target/passrelay.jar demo}, in a JVM that has only the jar and
 * {@code target/demo-lib/}: the broker's class path that {@code mvn package} puts there is complete.
 */
class PackagedDemoIT {
    private static final Path JAR = Path.of("target", "passrelay.jar");
    private static final Path LOG = Path.of("target", "packaged-demo-it.log");

    @Test
    void shouldRunTheDemoFromThePackagedJarAndExitZero() throws Exception {
        assertThat(JAR).as("run after 'mvn package'").exists();
        try (var jars = Files.list(Path.of("target", "demo-lib"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString())).anyMatch(name -> name.startsWith("kafka_2.13-"));
        }
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString(), "demo").redirectErrorStream(true).redirectOutput(LOG.toFile()).start();

        boolean ended = demo.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            demo.destroyForcibly();
        }

        String output = Files.readString(LOG, StandardCharsets.UTF_8);
        assertThat(ended).as("the demo ends within 3 minutes; output:%n%s", output).isTrue();
        assertThat(demo.exitValue()).as("exit status; output:%n%s", output).isZero();
        assertThat(output).contains("demo finished: every outcome as expected").doesNotContain("ClassNotFound",
                "NoClassDefFound");
    }
}
