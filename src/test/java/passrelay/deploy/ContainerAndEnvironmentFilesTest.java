package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import passrelay.config.Settings;

/** The Dockerfile, the Jib profile and the example environment file say what the code and the manifests say. */
class ContainerAndEnvironmentFilesTest {
    private static final List<String> JVM_FLAGS = List.of("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
    private static final Pattern ASSIGNMENT = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);

    @Test
    void shouldNameOnlySettingsAndKafkaPropertiesInTheExampleEnvironmentFile() throws Exception {
        Set<String> declared = new HashSet<>();
        Settings.ALL.forEach(setting -> declared.add(setting.name()));
        Matcher names = ASSIGNMENT.matcher(Files.readString(Path.of("deploy", "passrelay.env.example")));
        List<String> found = names.results().map(match -> match.group(1)).toList();

        assertThat(found).contains("KAFKA_BOOTSTRAP_SERVERS", "ALIPAYHK_PRIVATE_KEY_FILE")
                .allMatch(name -> declared.contains(name) || name.startsWith("KAFKA_"));
    }

    @Test
    void shouldRunTheDockerImageUnprivilegedWithTheJvmFlagsAndThePort() throws Exception {
        String dockerfile = Files.readString(Path.of("deploy", "Dockerfile"));

        assertThat(dockerfile).contains("FROM maven:3-eclipse-temurin-17 AS build", "FROM eclipse-temurin:17-jre",
                "USER 10001", "EXPOSE " + Settings.HTTP_PORT.defaultValue(), "COPY --from=build /src/target/passrelay.jar ");
        assertThat(dockerfile.lines().filter(line -> line.startsWith("ENTRYPOINT")).findFirst().orElseThrow())
                .startsWith("ENTRYPOINT [\"java\"").contains(JVM_FLAGS).endsWith("\"-jar\", \"/opt/passrelay/passrelay.jar\"]");
    }

    @Test
    void shouldBuildTheJibImageWithTheSameUserFlagsAndPort() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        String jib = pom.substring(pom.indexOf("<artifactId>jib-maven-plugin</artifactId>"));

        assertThat(jib).contains("<image>eclipse-temurin:17-jre</image>", "<user>10001</user>",
                "<port>" + Settings.HTTP_PORT.defaultValue() + "</port>", "<mainClass>passrelay.Main</mainClass>",
                "<goal>buildTar</goal>");
        JVM_FLAGS.forEach(flag -> assertThat(jib).contains("<jvmFlag>" + flag + "</jvmFlag>"));
    }
}
