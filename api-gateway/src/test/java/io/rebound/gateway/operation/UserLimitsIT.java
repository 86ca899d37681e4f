package io.rebound.gateway.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.OperationType;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** One person cannot queue unbounded AI work: the defaults, 50 open and 120 started per minute, as a user meets them. */
class UserLimitsIT extends GatewayIT {

    private static final int MAX_OPEN = 50;
    private static final int MAX_PER_MINUTE = 120;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void sixtyParallelQuestionsGetFiftyAcceptedAndTenRefusedWith429() throws Exception {
        ApiClient carol = as(newAccount("carol"));
        String sessionId = newSession(carol);
        double refusedBefore = refused("TOO_MANY_OPEN_OPERATIONS");

        AtomicInteger mostWaitingForTheUserRow = new AtomicInteger();
        AtomicBoolean burst = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (burst.get()) {
                mostWaitingForTheUserRow.accumulateAndGet(waitingForAUserRow(), Math::max);
            }
        });
        sampler.start();
        List<ApiClient.Response> responses;
        try {
            responses = parallel(60, () -> carol.post("/api/v1/sessions/" + sessionId + "/questions"));
        } finally {
            burst.set(false);
            sampler.join();
        }

        assertThat(responses).filteredOn(r -> r.status() == 202).hasSize(MAX_OPEN);
        List<ApiClient.Response> refused =
                responses.stream().filter(r -> r.status() != 202).toList();
        assertThat(refused).hasSize(10);
        for (ApiClient.Response response : refused) {
            assertTooManyOpen(response);
        }
        assertThat(openOperations(sessionId)).isEqualTo(MAX_OPEN);
        assertThat(refused("TOO_MANY_OPEN_OPERATIONS") - refusedBefore).isEqualTo(10);
        assertThat(mostWaitingForTheUserRow.get())
                .as(
                        "one person's burst takes turns in the gateway instead of holding a database connection per request")
                .isZero();
    }

    /** Database sessions blocked on a user's row lock, each of them a pooled connection nobody else can use. */
    private int waitingForAUserRow() {
        return jdbc.queryForObject(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like 'select 1 from users where id = % for no key update'",
                Integer.class);
    }

    private double refused(String reason) {
        return meters.get("rebound.operations.refused")
                .tag("reason", reason)
                .counter()
                .count();
    }

    @Test
    void atTheOpenCapAnswersAndRetriesAreRefusedAndStoreNothingUntilAnOperationFinishes() throws Exception {
        ApiClient dave = as(newAccount("dave"));
        String sessionId = newSession(dave);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MAX_OPEN; i++) {
            ids.add(dave.post("/api/v1/sessions/" + sessionId + "/questions").text("id"));
        }
        complete(ids.get(0), "What is a partition?"); // a question to answer; 49 open
        String failed = ids.get(1);
        deadLetter(failed, "AI_UNAVAILABLE"); // 48 open
        awaitStatus(dave, failed, "failed");
        dave.post("/api/v1/sessions/" + sessionId + "/questions");
        dave.post("/api/v1/sessions/" + sessionId + "/questions"); // 50 open again
        long messagesBefore = count("session_messages where session_id = '" + sessionId + "'");

        assertTooManyOpen(dave.post("/api/v1/sessions/" + sessionId + "/questions"));
        assertTooManyOpen(
                dave.post("/api/v1/sessions/" + sessionId + "/answers", "{\"content\":\"Keys pick partitions.\"}"));
        assertTooManyOpen(dave.post("/api/v1/operations/" + failed + "/retry"));
        assertThat(count("session_messages where session_id = '" + sessionId + "'"))
                .isEqualTo(messagesBefore);
        assertThat(count("operations where parent_operation_id = '" + failed + "'"))
                .isZero();
        ApiClient bob = bob();
        assertThat(bob.post("/api/v1/sessions/" + newSession(bob) + "/questions")
                        .status())
                .as("another user is not affected")
                .isEqualTo(202);

        deadLetter(ids.get(2), "AI_UNAVAILABLE");
        awaitStatus(dave, ids.get(2), "failed");
        assertThat(dave.post("/api/v1/operations/" + failed + "/retry").status())
                .isEqualTo(201);
    }

    @Test
    void moreThan120StartsWithinAMinuteAreRefusedWithTheSecondsUntilASlotFrees() throws Exception {
        ApiClient erin = as(newAccount("erin"));
        String sessionId = newSession(erin);
        for (int started = 0; started < MAX_PER_MINUTE; ) {
            for (int i = 0; i < MAX_OPEN && started < MAX_PER_MINUTE; i++, started++) {
                ApiClient.Response response = erin.post("/api/v1/sessions/" + sessionId + "/questions");
                assertThat(response.status()).as(response.toString()).isEqualTo(202);
            }
            // Finished, so that the open cap is not what stops the next batch (how they finish is not the point here).
            jdbc.update(
                    "update operations set status = 'FAILED', error_code = 'AI_UNAVAILABLE', finished_at = now()"
                            + " where session_id = ?::uuid and status in ('PENDING', 'PROCESSING')",
                    sessionId);
        }
        // On a busy machine the 120 starts (and their dead letters) can take longer than the window itself: move them
        // to now, so that what is tested is the limit, not how fast the machine is.
        jdbc.update("update operations set created_at = now() where session_id = ?::uuid", sessionId);

        ApiClient.Response refused = erin.post("/api/v1/sessions/" + sessionId + "/questions");

        assertProblem429(refused, "OPERATION_RATE_LIMITED", MAX_PER_MINUTE);
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(refused.json().get("retry_after_seconds").asLong()).isEqualTo(retryAfter);
        assertThat(refused.text("detail")).contains("wait " + retryAfter + " s");
        assertThat(count("operations o join interview_sessions s on o.session_id = s.id where s.id = '" + sessionId
                        + "'"))
                .isEqualTo(MAX_PER_MINUTE);
    }

    @Test
    void operationsOtherServicesRequestOnKafkaDoNotCountAgainstTheUser() throws Exception {
        String email = newAccount("frank");
        for (int i = 0; i < MAX_OPEN; i++) {
            OperationRequested external = new OperationRequested(
                    OperationRequested.SCHEMA_VERSION,
                    UUID.randomUUID(),
                    OperationType.QUESTION_GENERATION,
                    Map.of("role", "Data scientist"),
                    null,
                    null,
                    null,
                    0,
                    email,
                    OperationSource.EXTERNAL,
                    Instant.now());
            status(OperationStatusChanged.processing(external, 1, 4));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("operations o join users u on o.owner_id = u.id where u.email = '" + email
                                + "' and o.status = 'PROCESSING'")
                        == MAX_OPEN);

        ApiClient frank = as(email);
        assertThat(frank.post("/api/v1/sessions/" + newSession(frank) + "/questions")
                        .status())
                .isEqualTo(202);
    }

    private void complete(String operationId, String question) throws Exception {
        OperationRequested request = requestOnTopic(operationId);
        status(OperationStatusChanged.completed(request, 1, 4, question));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("session_messages where operation_id = '" + operationId + "'") == 1);
    }

    private static void assertTooManyOpen(ApiClient.Response response) {
        assertProblem429(response, "TOO_MANY_OPEN_OPERATIONS", MAX_OPEN);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.text("detail")).contains(MAX_OPEN + " AI requests").contains("What to do:");
    }

    private static void assertProblem429(ApiClient.Response response, String code, int limit) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.text("type"))
                .isEqualTo("https://rebound.io/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(response.json().get("limit").asInt()).isEqualTo(limit);
    }

    private long openOperations(String sessionId) {
        return count("operations where session_id = '" + sessionId + "' and status in ('PENDING', 'PROCESSING')");
    }

    private long count(String fromWhere) {
        return jdbc.queryForObject("select count(*) from " + fromWhere, Long.class);
    }

    private static List<ApiClient.Response> parallel(int n, Callable<ApiClient.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> future : pool.invokeAll(java.util.Collections.nCopies(n, call))) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdown();
        }
    }
}
