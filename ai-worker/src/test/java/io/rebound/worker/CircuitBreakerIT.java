package io.rebound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.common.EventJson;
import io.rebound.common.OperationRequested;
import io.rebound.common.OperationStatus;
import io.rebound.common.OperationStatusChanged;
import io.rebound.common.Topics;
import io.rebound.common.WorkerCircuitChanged;
import io.rebound.common.WorkerCircuitChanged.Event;
import io.rebound.simulator.Fault;
import io.rebound.simulator.RequestStats;
import io.rebound.testsupport.SharedInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The circuit breaker against the simulator's outage mode (a 503 until cleared). It needs a worker that no other test
 * context competes with: the shared context of {@link WorkerIT} would consume these operations too (it reads the same
 * topic) and call the provider while this worker is paused. So this class has a context of its own with the breaker
 * on, its own consumer group, closes it afterwards, and Maven runs it in a JVM of its own (see the failsafe executions
 * in ai-worker/pom.xml). Run in one JVM after the shared context has started, it is skipped. The outage and the probe
 * prompt share a marker, so the simulator's other users are never affected.
 */
@TestPropertySource(
        properties = {
            "rebound.worker.breaker.enabled=true",
            "rebound.worker.breaker.minimum-calls=4",
            "rebound.worker.breaker.window-size=10",
            "rebound.worker.breaker.failure-ratio-threshold=0.5",
            "rebound.worker.breaker.probe-interval=2s",
            "spring.kafka.consumer.group-id=rebound-ai-worker-circuit-breaker-it"
        })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakerIT extends WorkerIT {

    private static final String MARKER = "outage-" + UUID.randomUUID();
    private static final String WORKER_ID = "circuit-breaker-it-" + MARKER.substring(7, 15);
    private static final long PROBE_INTERVAL_MS = 2_000;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    MeterRegistry meters;

    private final List<String> operationIds = new ArrayList<>();

    @DynamicPropertySource
    static void markedProbes(DynamicPropertyRegistry registry) {
        registry.add("rebound.worker.breaker.probe-prompt", () -> MARKER + " probe: reply with OK.");
        registry.add("rebound.worker.instance-id", () -> WORKER_ID);
    }

    @BeforeAll
    static void noOtherWorkerConsumesInThisJvm() throws Exception {
        assumeTrue(
                !hasMembers(WORKER_GROUP),
                "the shared worker context is running in this JVM and would consume this test's operations;"
                        + " mvn verify runs CircuitBreakerIT in a JVM of its own");
    }

    @Test
    void anOutageOpensTheBreakerWhichPausesConsumptionProbesAndResumesWhenAProbeSucceeds(CapturedOutput output) {
        long started = System.nanoTime();
        simulator.addFault(Fault.error(503).onlyWhenPromptContains(MARKER));
        List<OperationRequested> openers =
                Stream.generate(() -> question("opener")).limit(4).toList();
        openers.forEach(WorkerIT::send);

        WorkerCircuitChanged opened = awaitCircuitEvent(Event.CIRCUIT_OPENED, Duration.ofSeconds(15));
        assertThat(opened.workerId()).isEqualTo(WORKER_ID);
        assertThat(opened.failureRatio()).isEqualTo(1.0);
        assertThat(opened.calls()).isEqualTo(4);
        assertThat(opened.nextProbeAt())
                .as("when the open breaker probes next: gateways tell users from it")
                .isBetween(opened.occurredAt(), opened.occurredAt().plusMillis(PROBE_INTERVAL_MS + 1000));
        assertThat(circuitState()).isIn(1.0, 2.0);
        assertThat(output.getOut())
                .contains("AI circuit breaker opened, pausing consumption of operation-worker failure_ratio=1.00"
                        + " calls=4 threshold=0.50 next_probe_in_ms=2000");

        // Each consumer thread pauses once the record in hand has finished its attempt and back-off.
        await().atMost(Duration.ofSeconds(10)).until(() -> container().isContainerPaused());
        Instant pausedAt = Instant.now();
        OperationRequested waiting = question("waiting");
        send(waiting);
        // Each check reads the status topic, which takes a while on a busy machine: room for that beyond the 4 s.
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> statusEvents(waiting).isEmpty()
                        && requestsFor(waiting.parameter("role")).isEmpty());
        List<RequestStats.Request> probes =
                await().atMost(Duration.ofSeconds(5)).until(this::probes, list -> list.size() >= 2);
        assertThat(operationRequestsSince(pausedAt))
                .as("only probes reach the provider")
                .isEmpty();
        assertThat(probes).allSatisfy(probe -> assertThat(probe.status()).isEqualTo(503));
        for (int i = 1; i < probes.size(); i++) {
            assertThat(Duration.between(probes.get(i - 1).at(), probes.get(i).at()))
                    .isBetween(Duration.ofMillis(PROBE_INTERVAL_MS - 100), Duration.ofMillis(PROBE_INTERVAL_MS + 1000));
        }

        if (workerProperties().retry().mode() == WorkerProperties.RetryMode.NON_BLOCKING) {
            // The openers' retries fell due while the breaker held them, read back or not (a retry consumer holding
            // one retry fetches no other): what users see must not lie in the past. (The blocking mode pauses with
            // the retry's old time; see README, "Retry modes".)
            Instant now = Instant.now();
            assertThat(openers).allSatisfy(opener -> {
                List<OperationStatusChanged> events = statusEvents(opener);
                assertThat(events.get(events.size() - 1).nextRetryAt())
                        .as("next_retry_at of an operation the breaker holds")
                        .isAfter(now.minusMillis(500));
            });
        }

        simulator.clearFaults();

        WorkerCircuitChanged closed = awaitCircuitEvent(Event.CIRCUIT_CLOSED, Duration.ofSeconds(15));
        assertThat(closed.reason()).isEqualTo("probe succeeded");
        assertThat(closed.failureRatio()).isEqualTo(1.0);
        assertThat(closed.nextProbeAt()).isNull();
        assertThat(probes().get(probes().size() - 1).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> !container().isPauseRequested());
        assertThat(circuitState()).isZero();
        List<OperationStatusChanged> events = awaitCompleted(waiting, Duration.ofSeconds(10));
        assertThat(events.get(0).status()).isEqualTo(OperationStatus.PROCESSING);
        assertThat(events.get(0).occurredAt()).isAfterOrEqualTo(closed.occurredAt());
        assertThat(events).extracting(OperationStatusChanged::attempt).containsOnly(1);
        openers.forEach(opener -> await().atMost(Duration.ofSeconds(10)).until(() -> finished(opener)));

        assertThat(circuitEvents())
                .startsWith(Event.CIRCUIT_OPENED, Event.CIRCUIT_HALF_OPEN, Event.CIRCUIT_OPENED)
                .endsWith(Event.CIRCUIT_HALF_OPEN, Event.CIRCUIT_CLOSED);
        List<String> timeline = output.getOut()
                .lines()
                .filter(line -> line.contains("AI circuit breaker") && !line.contains("enabled"))
                .toList();
        assertThat(timeline.get(0)).contains("AI circuit breaker opened");
        assertThat(timeline.get(1)).contains("AI circuit breaker half-open, probing the provider probe=1");
        assertThat(timeline.get(2))
                .contains("AI circuit breaker probe failed, staying open probe=1")
                .contains("InternalServerException (HTTP 503)");
        assertThat(timeline.get(timeline.size() - 1))
                .contains("AI circuit breaker closed after probe, resuming consumption of operation-worker")
                .contains("reason=\"probe succeeded\"");
        System.out.printf(
                "circuit breaker timeline (%d probes, test took %d ms):%n%s%n",
                probes().size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                String.join(System.lineSeparator(), timeline));
    }

    private OperationRequested question(String what) {
        // The first 8 characters are unique and land in the simulator's prompt excerpt; the marker makes it fail.
        String id = UUID.randomUUID().toString().substring(0, 8);
        operationIds.add(id);
        return questionFor(id + " " + what + " engineer " + MARKER);
    }

    private MessageListenerContainer container() {
        return listeners.getListenerContainer("operation-worker");
    }

    private double circuitState() {
        return meters.get("rebound.ai.circuit.state").gauge().value();
    }

    private List<RequestStats.Request> probes() {
        return simulator.requests().recent().stream()
                .filter(r -> r.promptExcerpt().startsWith(MARKER + " probe"))
                .toList();
    }

    private List<RequestStats.Request> operationRequestsSince(Instant since) {
        return simulator.requests().recent().stream()
                .filter(r -> !r.at().isBefore(since))
                .filter(r -> operationIds.stream().anyMatch(r.promptExcerpt()::contains))
                .toList();
    }

    private boolean finished(OperationRequested opener) {
        return statusEvents(opener).stream().anyMatch(e -> e.status() == OperationStatus.COMPLETED)
                || !records(
                                Topics.OPERATIONS_REQUESTED_DLT,
                                opener.operationId().toString())
                        .isEmpty();
    }

    private static List<Event> circuitEvents() {
        return records(Topics.WORKER_EVENTS, WORKER_ID).stream()
                .map(r -> EventJson.read(r.value(), WorkerCircuitChanged.class).event())
                .toList();
    }

    private static WorkerCircuitChanged awaitCircuitEvent(Event event, Duration timeout) {
        return await().atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> records(Topics.WORKER_EVENTS, WORKER_ID).stream()
                                .map(r -> EventJson.read(r.value(), WorkerCircuitChanged.class))
                                .filter(e -> e.event() == event)
                                .findFirst(),
                        found -> found.isPresent())
                .orElseThrow();
    }

    private static boolean hasMembers(String group) throws Exception {
        try (Admin admin = Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBootstrapServers()))) {
            return !admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get()
                    .get(group)
                    .members()
                    .isEmpty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return false;
            }
            throw e;
        }
    }
}
