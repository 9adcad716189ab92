package passrelay.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void buildInfoShouldBeOneWithVersionCryptoAndJavaAsTags() {
        PrometheusMeterRegistry registry = Metrics.prometheus();

        new Metrics(registry).buildInfo("1.2.3", "native");

        Gauge info = registry.get("passrelay.build.info").gauge();
        assertThat(info.value()).isEqualTo(1.0);
        assertThat(info.getId().getTag("version")).isEqualTo("1.2.3");
        assertThat(info.getId().getTag("crypto")).isEqualTo("native");
        assertThat(info.getId().getTag("java")).isEqualTo(System.getProperty("java.version"));
        assertThat(registry.scrape()).contains("passrelay_build_info{crypto=\"native\",java=\""
                + System.getProperty("java.version") + "\",version=\"1.2.3\"} 1");
    }

    @Test
    void theVersionShouldBeDevWhenRunFromClassesRatherThanTheJar() {
        assertThat(BuildVersion.current()).isEqualTo("dev");
    }
}
