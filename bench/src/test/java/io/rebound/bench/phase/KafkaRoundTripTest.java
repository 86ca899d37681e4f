package io.rebound.bench.phase;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class KafkaRoundTripTest {

    @Test
    void valuesAreOneKilobyteOfJsonCarryingTheirSendTime() {
        byte[] value = KafkaRoundTrip.value(42, 123_456_789_012L);

        assertThat(value).hasSize(1024);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(new String(value, StandardCharsets.US_ASCII))
                        .path("seq")
                        .asLong())
                .isEqualTo(42);
        assertThat(KafkaRoundTrip.sentNanos(value)).isEqualTo(123_456_789_012L);
    }
}
