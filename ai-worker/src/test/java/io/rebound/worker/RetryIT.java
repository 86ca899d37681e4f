package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.StatusEvent;
import io.rebound.simulator.Fault;
import io.rebound.simulator.RequestStats;
import io.rebound.worker.retry.DeadLetterHeaders;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.support.KafkaHeaders;

/** Transient AI failures: retried by the container's error handler with back-off, then completed or dead-lettered. */
@ExtendWith(OutputCaptureExtension.class)
class RetryIT extends WorkerIT {

    @Autowired
    WorkerProperties properties;

    @Test
    void retriesTransientFailuresThenCompletes() {
        String role = uniqueRole();
        simulator.addFault(Fault.error(503).withTimes(2).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);

        send(request);

        List<OperationStatusChanged> events = awaitCompleted(request, Duration.ofSeconds(15));
        OperationStatusChanged completed = events.get(events.size() - 1);
        assertThat(completed.status()).isEqualTo(OperationStatus.COMPLETED);
        assertThat(completed.attempt()).isEqualTo(3);
        assertThat(completed.maxAttempts()).isEqualTo(MAX_ATTEMPTS);
        assertThat(completed.result()).isNotBlank();
        assertThat(events)
                .filteredOn(e -> e.declaredEvent() == StatusEvent.ATTEMPT_STARTED)
                .extracting(OperationStatusChanged::attempt)
                .containsExactly(1, 2, 3);
        List<OperationStatusChanged> failedAttempts = events.stream()
                .filter(e -> e.declaredEvent() == StatusEvent.ATTEMPT_FAILED)
                .toList();
        assertThat(failedAttempts).extracting(OperationStatusChanged::attempt).containsExactly(1, 2);
        assertThat(failedAttempts).allSatisfy(failed -> {
            assertThat(failed.status()).isEqualTo(OperationStatus.PROCESSING);
            assertThat(failed.nextRetryAt()).isAfter(failed.occurredAt());
            assertThat(failed.errorClass()).isEqualTo("InternalServerException");
            assertThat(failed.httpStatus()).isEqualTo(503);
            assertThat(failed.errorMessage()).isEqualTo("The AI service was unavailable (HTTP 503)");
        });
        assertThat(simulator.requests().countFor(role)).isEqualTo(3);
    }

    @Test
    void deadLettersAfterFourAttemptsWithGapsOfAboutOneTwoFourSeconds() {
        String role = uniqueRole();
        // The provider's own words: for the administrators who read dead letters, never for the person who waits.
        String providerText = "upstream pool gpu-eu-7 exhausted";
        simulator.addFault(Fault.error(503).withMessage(providerText).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);

        RecordMetadata sent = send(request);

        ConsumerRecord<String, byte[]> deadLetter =
                awaitDeadLetter(request.operationId().toString(), Duration.ofSeconds(20));
        assertThat(simulator.requests().countFor(role)).isEqualTo(MAX_ATTEMPTS);
        List<RequestStats.Request> requests = requestsFor(role);
        assertThat(requests).hasSize(MAX_ATTEMPTS);
        long gap1 = gapMillis(requests, 1);
        long gap2 = gapMillis(requests, 2);
        long gap3 = gapMillis(requests, 3);
        System.out.printf("measured attempt gaps: %d ms, %d ms, %d ms%n", gap1, gap2, gap3);
        // Spring's ExponentialBackOff gives 1000..1099, 1800..2199 and 3600..3999 ms for a 100 ms jitter (scaled with
        // the interval); at most 250 ms more go to reporting the failed attempt, the retry topic's hop and calling the
        // simulator again. The blocking mode also seeks back and fetches the record again after its sleep, which on a
        // busy machine has taken up to 500 ms more.
        long slack = workerProperties().retry().mode() == WorkerProperties.RetryMode.NON_BLOCKING ? 250 : 750;
        assertThat(gap1).isBetween(980L, 1099L + slack);
        assertThat(gap2).isBetween(1780L, 2199L + slack);
        assertThat(gap3).isBetween(3580L, 3999L + slack);

        assertThat(deadLetter.value()).isEqualTo(EventJson.write(request));
        assertThat(deadLetter.partition()).isEqualTo(sent.partition());
        assertThat(header(deadLetter, DeadLetterHeaders.ERROR_CODE)).isEqualTo("AI_UNAVAILABLE");
        assertThat(header(deadLetter, DeadLetterHeaders.ATTEMPTS)).isEqualTo("4");
        assertThat(header(deadLetter, DeadLetterHeaders.HTTP_STATUS)).isEqualTo("503");
        assertThat(header(deadLetter, DeadLetterHeaders.TRANSIENT)).isEqualTo("true");
        assertThat(header(deadLetter, DeadLetterHeaders.REASON))
                .startsWith("InternalServerException")
                .contains(providerText);
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("operations.requested");
        assertThat(deadLetter.headers().headers(DeadLetterHeaders.STACKTRACE)).hasSize(1);
        assertThat(header(deadLetter, DeadLetterHeaders.STACKTRACE))
                .startsWith("io.rebound.worker.retry.AiCallFailure$Transient: InternalServerException: 503")
                .contains("Caused by: com.openai.errors.InternalServerException")
                .hasSizeLessThanOrEqualTo(properties.retry().stackTraceMaxChars());

        List<OperationStatusChanged> events = statusEvents(request);
        OperationStatusChanged last = events.get(events.size() - 1);
        assertThat(last.attempt()).isEqualTo(MAX_ATTEMPTS);
        assertThat(last.httpStatus()).isEqualTo(503);
        assertThat(last.nextRetryAt()).isNull();
        assertThat(events).noneMatch(e -> e.status() == OperationStatus.COMPLETED);
        assertThat(events)
                .filteredOn(e -> e.declaredEvent() == StatusEvent.ATTEMPT_FAILED)
                .hasSize(MAX_ATTEMPTS)
                .extracting(OperationStatusChanged::errorMessage)
                .containsOnly("The AI service was unavailable (HTTP 503)");
    }

    @Test
    void readTimeoutsAreRetriedAsTransient() {
        String role = uniqueRole();
        // Above the 2 s client timeout of this context.
        simulator.addFault(Fault.delayed(3000).withTimes(1).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);

        send(request);

        List<OperationStatusChanged> events = awaitCompleted(request, Duration.ofSeconds(15));
        assertThat(events.get(events.size() - 1).attempt()).isEqualTo(2);
        OperationStatusChanged failed = events.stream()
                .filter(e -> e.declaredEvent() == StatusEvent.ATTEMPT_FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.httpStatus()).isNull();
        assertThat(failed.nextRetryAt()).isNotNull();
        assertThat(failed.errorClass()).containsAnyOf("Timeout", "IoException", "InterruptedIO");
        assertThat(simulator.requests().countFor(role)).isEqualTo(2);
        // The 2 s client timeout, not the 3 s delay, ended the first attempt; then about 1 s of back-off.
        assertThat(gapMillis(requestsFor(role), 1)).isBetween(2900L, 4500L);
    }

    @Test
    void honoursRetryAfterOnA429() {
        String role = uniqueRole();
        simulator.addFault(
                Fault.error(429).withRetryAfterSeconds(3).withTimes(1).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);

        send(request);

        List<OperationStatusChanged> events = awaitCompleted(request, Duration.ofSeconds(15));
        assertThat(events.get(events.size() - 1).attempt()).isEqualTo(2);
        OperationStatusChanged rateLimited = events.stream()
                .filter(e -> e.declaredEvent() == StatusEvent.ATTEMPT_FAILED)
                .findFirst()
                .orElseThrow();
        assertThat(rateLimited.httpStatus()).isEqualTo(429);
        assertThat(Duration.between(rateLimited.occurredAt(), rateLimited.nextRetryAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        List<RequestStats.Request> requests = requestsFor(role);
        assertThat(requests).hasSize(2);
        assertThat(gapMillis(requests, 1)).isGreaterThanOrEqualTo(3000L);
    }

    @Test
    void logsEachFailedAttempt(CapturedOutput output) {
        String role = uniqueRole();
        // Two retried 503s, then a permanent 400 ends the operation on the dead-letter topic without a long wait.
        simulator.addFault(Fault.error(503).withTimes(2).onlyWhenPromptContains(role));
        simulator.addFault(Fault.error(400).onlyWhenPromptContains(role));
        OperationRequested request = questionFor(role);
        String id = request.operationId().toString();

        send(request);

        awaitDeadLetter(id, Duration.ofSeconds(15));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> output.getOut().contains("operation dead-lettered operation_id=\"" + id + "\""));
        List<String> retried = output.getOut()
                .lines()
                .filter(line -> line.contains("AI attempt failed, retrying") && line.contains(id))
                .toList();
        assertThat(retried).hasSize(2);
        assertThat(retried.get(0))
                .contains("operation_id=" + id)
                .contains("operation_type=question_generation")
                .contains("attempt=1 of 4")
                .contains("error_class=InternalServerException")
                .contains("http_status=503")
                .containsPattern("next_delay_ms=\\d+");
        assertThat(retried.get(1)).contains("attempt=2 of 4").contains("http_status=503");
        assertThat(output.getOut()
                        .lines()
                        .filter(line -> line.contains("operation dead-lettered operation_id=\"" + id + "\"")))
                .singleElement()
                .asString()
                .contains("error_code=INVALID_REQUEST")
                .contains("attempts=3");
    }

    private static long gapMillis(List<RequestStats.Request> requests, int index) {
        return Duration.between(
                        requests.get(index - 1).at(), requests.get(index).at())
                .toMillis();
    }
}
