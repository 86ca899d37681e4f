package io.rebound.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String SCRAPE = """
            # HELP rebound_worker_in_flight AI calls running now
            # TYPE rebound_worker_in_flight gauge
            rebound_worker_in_flight{application="rebound-ai-worker"} 212.0
            # HELP rebound_worker_in_flight_limit
            # TYPE rebound_worker_in_flight_limit gauge
            rebound_worker_in_flight_limit{application="rebound-ai-worker"} 256.0
            jvm_memory_used_bytes{application="rebound-ai-worker",area="heap",id="eden space"} 1.0E7
            jvm_memory_used_bytes{application="rebound-ai-worker",area="heap",id="tenured gen"} 3.0E7
            jvm_memory_used_bytes{application="rebound-ai-worker",area="nonheap",id="Metaspace"} 5.0E7
            gen_ai_client_operation_active_seconds_active_count 3
            """;

    @Test
    void readsAGaugeByItsExactNameNotByAPrefix() {
        assertThat(PrometheusText.sum(SCRAPE, "rebound_worker_in_flight")).hasValue(212.0);
        assertThat(PrometheusText.sum(SCRAPE, "rebound_worker_in_flight_limit")).hasValue(256.0);
        assertThat(PrometheusText.sum(SCRAPE, "gen_ai_client_operation_active_seconds_active_count"))
                .hasValue(3.0);
    }

    @Test
    void sumsTheSamplesWithTheGivenLabels() {
        assertThat(PrometheusText.sum(SCRAPE, "jvm_memory_used_bytes", Map.of("area", "heap")))
                .hasValue(4.0E7);
        assertThat(PrometheusText.sum(SCRAPE, "jvm_memory_used_bytes")).hasValue(9.0E7);
    }

    @Test
    void aMissingMetricIsEmptyNotZero() {
        assertThat(PrometheusText.sum(SCRAPE, "rebound_worker_waiting")).isEmpty();
        assertThat(PrometheusText.sum(SCRAPE, "rebound_worker")).isEmpty();
    }
}
