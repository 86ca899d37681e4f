package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.Topics;
import io.rebound.gateway.GatewayApplication;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import io.rebound.testsupport.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * rebound-admin against the real gateway, over the JVM's real Kafka broker and PostgreSQL. Tests play the worker's
 * dead-letter recoverer by producing on the real dead-letter topic, each with its own exception class so that filters
 * select only its own dead letters in the shared database.
 */
@SpringBootTest(
        classes = GatewayApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"rebound.demo-users.enabled=true", "rebound.gateway.outbox-poll-interval=100ms"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
class ReboundAdminIT {

    private static final String PASSWORD = "rebound";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    private String exceptionClass;
    private String simpleName;

    @BeforeEach
    void uniqueCause() {
        simpleName = "Outage" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "Exception";
        exceptionClass = "com.example." + simpleName;
    }

    @Test
    void summaryShowsEachCauseAsAGroupWithItsCountAndAge() throws Exception {
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        awaitDeadLetters(2);

        Cli cli = admin("dlt", "summary");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out().lines().filter(line -> line.contains(simpleName)))
                .singleElement()
                .satisfies(line -> assertThat(line.trim()).startsWith("2  AI_UNAVAILABLE"))
                .satisfies(line -> assertThat(line).endsWith("s ago"));
    }

    @Test
    void listFiltersByErrorCode() throws Exception {
        publishDeadLetter(null, "AI_RATE_LIMITED", "{}");
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        awaitDeadLetters(2);

        Cli cli = admin("dlt", "list", "--exception-class", simpleName, "--error-code", "AI_RATE_LIMITED");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("AI_RATE_LIMITED").doesNotContain("AI_UNAVAILABLE");
        assertThat(cli.out()).contains("Showing 1-1 of 1");
    }

    @Test
    void showPrintsTheFieldsHeadersAndPayload() throws Exception {
        publishDeadLetter(null, "INVALID_REQUEST", "{\"operation_type\":\"question_generation\",\"n\":1}");
        long id = awaitDeadLetters(1).get("items").get(0).get("id").asLong();

        Cli cli = admin("dlt", "show", String.valueOf(id));

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out())
                .contains("Dead letter " + id)
                .containsPattern("\\boperation_type +question_generation")
                .contains("Headers")
                .contains("rebound_error_code        INVALID_REQUEST")
                .contains("kafka_dlt-exception-fqcn  " + exceptionClass)
                .contains("\"n\" : 1");
    }

    @Test
    void aDryRunPrintsWhatWouldBeRedrivenAndChangesNothing() throws Exception {
        List<String> failed = failedOperations(2);
        publishDeadLetter(null, "INVALID_REQUEST", "poison");
        awaitDeadLetters(3);

        Cli cli = admin("dlt", "redrive", "--exception-class", exceptionClass, "--dry-run");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out())
                .contains("nothing changed: 3 open dead letters matching exception_class=" + exceptionClass)
                .containsPattern("would_redrive +2")
                .containsPattern("no_operation +1")
                .contains("A redrive would create 2 new operations");
        for (String id : failed) {
            assertThat(operation(id).get("retried_by_operation_id").isNull()).isTrue();
        }
        assertThat(sre().get(deadLetters("&state=open")).json().get("total").asInt())
                .isEqualTo(3);
    }

    @Test
    void redriveWithWaitFollowsTheRedriveToTheEndAndTheOperationsAreRetried() throws Exception {
        List<String> failed = failedOperations(3);
        awaitDeadLetters(3);

        Cli cli = admin("dlt", "redrive", "--exception-class", simpleName, "--rate", "50", "--wait", "--poll", "200ms");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out())
                .contains("Redrive ")
                .contains("started: 3 open dead letters matching exception_class=" + simpleName)
                .contains("redriven 3/3, skipped {}")
                .contains("finished in");
        for (String id : failed) {
            String retry = operation(id).get("retried_by_operation_id").asString();
            assertThat(operation(retry).get("source").asString()).isEqualTo("redrive");
        }
        assertThat(sre().get(deadLetters("&state=redriven")).json().get("total").asInt())
                .isEqualTo(3);
    }

    @Test
    void jsonPrintsTheApisParseableJson() throws Exception {
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        awaitDeadLetters(1);

        Cli list = admin("--json", "dlt", "list", "--exception-class", exceptionClass);
        Cli summary = admin("dlt", "summary", "--json");

        JsonNode page = Json.parse(list.out());
        assertThat(page.get("total").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("exception_class").asString()).isEqualTo(exceptionClass);
        assertThat(Json.parse(summary.out()).get("groups").findValuesAsString("exception_class"))
                .contains(exceptionClass);
    }

    @Test
    void discardByFilterShowsWhatMatchesAndDiscardsOnlyWithYes() throws Exception {
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        publishDeadLetter(null, "AI_UNAVAILABLE", "{}");
        awaitDeadLetters(2);

        Cli preview = admin("dlt", "discard", "--exception-class", simpleName, "--reason", "load test noise");
        assertThat(preview.out()).contains("2 open dead letters matching").contains("nothing was discarded");
        assertThat(sre().get(deadLetters("&state=open")).json().get("total").asInt())
                .isEqualTo(2);

        Cli discard = admin("dlt", "discard", "--exception-class", simpleName, "--reason", "load test noise", "--yes");
        assertThat(discard.exitCode()).as(discard.toString()).isZero();
        assertThat(discard.out()).contains("Discarded 2 of 2 dead letters");
        JsonNode discarded = sre().get(deadLetters("&state=discarded")).json();
        assertThat(discarded.get("total").asInt()).isEqualTo(2);
        assertThat(discarded.get("items").get(0).get("state_reason").asString()).isEqualTo("load test noise");
    }

    @Test
    void aUserWhoIsNotAnAdminExitsWithFour() {
        Cli cli = Cli.run(
                Map.of(),
                Clock.systemUTC(),
                "--url",
                baseUrl(),
                "--user",
                "ada@example.com",
                "--password",
                PASSWORD,
                "dlt",
                "summary");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(cli.err()).contains("You are not allowed to do this").contains("HTTP 403");
    }

    @Test
    void aWrongPasswordExitsWithFour() {
        Cli cli = Cli.run(
                Map.of(),
                Clock.systemUTC(),
                "--url",
                baseUrl(),
                "--user",
                "sre@example.com",
                "--password",
                "nope",
                "dlt",
                "summary");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.AUTH);
        assertThat(cli.err()).contains("HTTP 401");
    }

    @Test
    void anUnknownIdExitsWithThree() {
        Cli cli = admin("dlt", "show", "987654321");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli.err()).contains("No dead letter or action 987654321 was found.");
    }

    private Cli admin(String... args) {
        String[] connection = {"--url", baseUrl(), "--user", "sre@example.com", "--password", PASSWORD};
        return Cli.run(
                Map.of(),
                Clock.systemUTC(),
                Stream.concat(Stream.of(connection), Stream.of(args)).toArray(String[]::new));
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private ApiClient sre() {
        return ApiClient.as(baseUrl(), "sre@example.com", PASSWORD);
    }

    private ApiClient ada() {
        return ApiClient.as(baseUrl(), "ada@example.com", PASSWORD);
    }

    private String deadLetters(String query) {
        return "/api/v1/admin/dead-letters?exception_class=" + exceptionClass + query;
    }

    private JsonNode operation(String id) {
        return ada().get("/api/v1/operations/" + id).json();
    }

    private JsonNode awaitDeadLetters(int count) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> sre().get(deadLetters("&state=all")).json(),
                        page -> page.get("total").asInt() >= count);
    }

    /** Ada's question operations, each failed by a dead letter as the worker would after its last attempt. */
    private List<String> failedOperations(int count) throws Exception {
        String session = ada().post("/api/v1/sessions", "{\"role\":\"Backend engineer\"}")
                .text("id");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = ada().post("/api/v1/sessions/" + session + "/questions").text("id");
            // The dead letter carries the operation's own request, as the worker's does: the gateway fails an operation
            // only for a dead letter of its request, never for one that merely has its id as key.
            byte[] request = TopicReader.await(
                            Topics.OPERATIONS_REQUESTED, r -> id.equals(r.key()), Duration.ofSeconds(20))
                    .value();
            publishDeadLetter(id, "AI_UNAVAILABLE", request);
            ids.add(id);
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> operation(id).get("status").asString(), "failed"::equals);
        }
        return ids;
    }

    private void publishDeadLetter(String operationId, String errorCode, String payload) throws Exception {
        publishDeadLetter(operationId, errorCode, payload.getBytes(StandardCharsets.UTF_8));
    }

    private void publishDeadLetter(String operationId, String errorCode, byte[] payload) throws Exception {
        ProducerRecord<String, Object> record =
                new ProducerRecord<>(Topics.OPERATIONS_REQUESTED_DLT, operationId, payload);
        header(record, "rebound_error_code", errorCode);
        header(record, "rebound_reason", "Outage: upstream said no");
        header(record, "kafka_dlt-exception-fqcn", exceptionClass);
        header(record, "kafka_dlt-original-topic", Topics.OPERATIONS_REQUESTED);
        kafka.send(record).get();
    }

    private static void header(ProducerRecord<String, Object> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
