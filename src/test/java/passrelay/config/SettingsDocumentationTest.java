package passrelay.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SettingsDocumentationTest {

    /** The README's table, as {@link Settings#ALL} declares it. */
    static String expectedTable() {
        return Settings.ALL.stream()
                .map(s -> "| `" + s.name() + "` | " + (s.defaultValue() == null ? s.commandDefault().orElse("—")
                        : "`" + s.defaultValue() + "`") + " | " + s.meaning() + " |")
                .collect(Collectors.joining("\n", "| name | default | meaning |\n|---|---|---|\n", "\n"));
    }

    @Test
    void readmeSettingsTableShouldListEverySettingWithItsDefault() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf("-->\n", readme.indexOf("<!-- settings-table")) + 4;
        int end = readme.indexOf("<!-- /settings-table -->");
        assertThat(readme.substring(start, end))
                .as("README settings table; expected:%n%s", expectedTable())
                .isEqualTo(expectedTable());
    }
}
