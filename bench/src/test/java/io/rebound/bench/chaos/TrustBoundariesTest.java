package io.rebound.bench.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.bench.client.Http;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TrustBoundariesTest {

    @Test
    void aRequestOfAnotherServiceHasEveryFieldTheSchemaRequires() {
        UUID id = UUID.randomUUID();
        UUID session = UUID.randomUUID();

        JsonNode request =
                Http.JSON.readTree(TrustBoundaries.request(id, "chaos spoof", session, "bob@example.com", "manual"));

        assertThat(request.path("schema_version").asInt()).isEqualTo(1);
        assertThat(request.path("operation_id").asString()).isEqualTo(id.toString());
        assertThat(request.path("operation_type").asString()).isEqualTo("question_generation");
        assertThat(request.path("parameters").path("role").asString()).isEqualTo("chaos spoof");
        assertThat(request.path("session_id").asString()).isEqualTo(session.toString());
        assertThat(request.path("retry_count").asInt()).isZero();
        assertThat(request.path("requested_by").asString()).isEqualTo("bob@example.com");
        assertThat(request.path("source").asString()).isEqualTo("manual");
        assertThat(request.path("requested_at").asString()).isNotEmpty();
    }

    @Test
    void anOperationsPartitionIsTheOneKafkasPartitionerPicksForItsIdAsKey() {
        for (int i = 0; i < 100; i++) {
            UUID id = UUID.randomUUID();
            assertThat(TrustBoundaries.partitionOf(id, 12))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(id.toString().getBytes(StandardCharsets.UTF_8), 12));
        }
    }

    @Test
    void junkForAVictimIsNeverItsOwnRequest() {
        UUID victim = UUID.randomUUID();

        assertThat(TrustBoundaries.junkFor(victim, UUID.randomUUID()))
                .hasSize(3)
                .containsKey("a request with the victim's id and another body");
    }
}
