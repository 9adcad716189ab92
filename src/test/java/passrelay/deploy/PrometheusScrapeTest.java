package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {
    private static final PrometheusScrape SCRAPE = PrometheusScrape.parse("""
            # HELP passrelay_dlt_total records sent to the dead-letter topic
            # TYPE passrelay_dlt_total counter
            passrelay_dlt_total{reason="UNKNOWN_RESULT"} 0.0
            passrelay_call_duration_seconds_bucket{class="our_fault",le="+Inf"} 1
            passrelay_records_consumed_total 4.0
            odd{message="a \\"quoted\\", comma\\\\"} 1
            """);

    @Test
    void shouldMatchASelectorOnlyWhenOneSeriesSatisfiesAllItsOwnMatchers() {
        assertThat(SCRAPE.matches(selector("passrelay_dlt_total{job=\"passrelay\", pod=~\"$pod\"}"))).isTrue();
        assertThat(SCRAPE.matches(selector("passrelay_call_duration_seconds_bucket{class=\"our_fault\", le=\"+Inf\"}")))
                .isTrue();
        assertThat(SCRAPE.matches(selector("passrelay_call_duration_seconds_bucket{class=\"our-fault\"}"))).isFalse();
        assertThat(SCRAPE.matches(selector("passrelay_call_duration_seconds_count"))).as("a histogram's own series")
                .isFalse();
        assertThat(SCRAPE.matches(selector("passrelay_records_consumed_total{status!=\"S\"}"))).isTrue();
        assertThat(SCRAPE.matches(selector("odd{message=~\"a \\\"quoted\\\", comma.*\"}"))).isTrue();
    }

    @Test
    void shouldListTheLabelsOfAMetricsSeries() {
        assertThat(SCRAPE.labelsOf("passrelay_call_duration_seconds_bucket")).containsExactly("class", "le");
        assertThat(SCRAPE.metrics()).contains("passrelay_records_consumed_total", "odd");
    }

    private static PromQl.Selector selector(String expression) {
        return PromQl.selectors(expression).get(0);
    }
}
