package passrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindTheSelectorsOfAJoinLeavingOutAggregationsFunctionsAndGroupingLabels() {
        List<PromQl.Selector> selectors = PromQl.selectors("""
                (kube_pod_status_ready{condition="false"} == 1 and on (namespace, pod) up{job="passrelay"})
                unless on (namespace, pod) max_over_time(passrelay_breaker_state{job="passrelay", state=~"open"}[5m]) == 1
                """);

        assertThat(selectors).extracting(PromQl.Selector::metric)
                .containsExactly("kube_pod_status_ready", "up", "passrelay_breaker_state");
        assertThat(selectors.get(2).matchers()).containsExactly(new PromQl.Matcher("job", "=", "passrelay"),
                new PromQl.Matcher("state", "=~", "open"));
        assertThat(selectors.get(0).equalTo("condition")).isEqualTo("false");
    }

    @Test
    void shouldSkipNumbersRangesStringsAndGrafanaVariables() {
        assertThat(PromQl.selectors("""
                histogram_quantile(0.95, sum by (le) (rate(passrelay_call_duration_seconds_bucket{job="passrelay",
                pod=~"$pod"}[$__rate_interval]))) * 60 > 1e3 or label_replace(vector(0), "x", "y", "", "") offset 5m
                """)).singleElement().satisfies(selector -> {
                    assertThat(selector.metric()).isEqualTo("passrelay_call_duration_seconds_bucket");
                    assertThat(selector.matchers()).extracting(PromQl.Matcher::isVariable).containsExactly(false, true);
                });
        assertThat(PromQl.metrics("sum(rate(a_total[5m])) by (reason) / ignoring (x) group_left b")).containsExactly(
                "a_total", "b");
    }

    @Test
    void shouldRefuseWhatItCannotRead() {
        assertThatThrownBy(() -> PromQl.selectors("up{job}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("{job=\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.selectors("rate(x[5m")).isInstanceOf(IllegalArgumentException.class);
    }
}
