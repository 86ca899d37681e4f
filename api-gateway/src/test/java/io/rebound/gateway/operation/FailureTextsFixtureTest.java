package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SPA's tests of failed cards read their texts from a fixture; this test keeps that fixture equal to the texts
 * the gateway sends, so the two can never drift apart. Run with {@code -Dfixtures.update=true} to rewrite it.
 */
class FailureTextsFixtureTest {

    private static final Path FIXTURE = Path.of("../frontend/src/testing/fixtures/failure-texts.json");
    private static final int SAMPLE_ATTEMPTS = 3;
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @Test
    void theSpaFixtureHoldsExactlyTheTextsAndActionsTheGatewaySends() throws IOException {
        JsonNode expected = JSON.valueToTree(currentTexts());
        if (Boolean.getBoolean("fixtures.update")) {
            Files.writeString(FIXTURE, JSON.writeValueAsString(expected) + "\n");
        }

        JsonNode fixture = JSON.readTree(Files.readString(FIXTURE));

        assertThat(fixture)
                .as("frontend fixture %s is out of date: rerun this test with -Dfixtures.update=true", FIXTURE)
                .isEqualTo(expected);
    }

    private static Map<String, Object> currentTexts() {
        List<Map<String, Object>> failures = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (code == ErrorCode.DUPLICATE_OPERATION) {
                continue; // never an operation's own failure
            }
            for (OperationType type : OperationType.values()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("error_code", code.name());
                entry.put("operation_type", type.wireName());
                entry.put("error_message", code.userMessage(type, SAMPLE_ATTEMPTS));
                entry.put("next_action", code.nextAction().wireName());
                entry.put("contact_support", code.contactSupport());
                failures.add(entry);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("attempts", SAMPLE_ATTEMPTS);
        root.put("failures", failures);
        return root;
    }
}
