package io.rebound.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.rebound.simulator.Fault;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructure;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract between the services and {@code infra/observability}: every metric that the Grafana dashboard and the
 * Prometheus alerts may use, as listed in {@code infra/observability/metrics.txt}, is really exposed, with the labels
 * they group and filter by, on the gateway's or the worker's {@code /actuator/prometheus} once operations have run. (The
 * observability check proves the dashboard and the alerts use only listed metrics.)
 */
class MetricsContractIT extends SystemIT {

    private static final Pattern WORKER_PORT = Pattern.compile("Tomcat started on port (\\d+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void clearFaults() {
        SharedInfrastructure.simulator().clearFaults();
    }

    @Test
    void everyMetricTheDashboardAndAlertsUseIsExposedWithItsLabels() {
        ApiClient ada = ada();
        // Completes after one transient failure: attempts by outcome, a back-off, the duration histogram.
        String flakyRole = uniqueRole();
        SharedInfrastructure.simulator().addFault(Fault.error(503).withTimes(1).onlyWhenPromptContains(flakyRole));
        String completedId = ada.post("/api/v1/sessions/" + newSession(ada, flakyRole) + "/questions")
                .text("id");
        // Fails at once: a permanent failure is dead-lettered, indexed by the gateway and finishes as failed.
        String brokenRole = uniqueRole();
        SharedInfrastructure.simulator().addFault(Fault.error(401).onlyWhenPromptContains(brokenRole));
        String failedId = ada.post("/api/v1/sessions/" + newSession(ada, brokenRole) + "/questions")
                .text("id");

        awaitStatus(ada, completedId, "completed", Duration.ofSeconds(30));
        assertThat(awaitStatus(ada, failedId, "failed", Duration.ofSeconds(30))
                        .get("error_code")
                        .asString())
                .isEqualTo("AI_CONFIGURATION");
        // A person presses Retry: the manual retry counter.
        SharedInfrastructure.simulator().clearFaults();
        String retryId = ada.post("/api/v1/operations/" + failedId + "/retry").text("id");
        awaitStatus(ada, retryId, "completed", Duration.ofSeconds(30));

        List<Expected> contract = readContract();
        assertThat(contract).isNotEmpty();
        String gatewayUrl = "http://localhost:" + port + "/actuator/prometheus";
        String workerUrl = "http://localhost:" + workerPort() + "/actuator/prometheus";
        // Counters appear after their first increment and gauges refresh in the background: wait for the contract.
        await().atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    Map<String, Set<String>> gateway = labelsByName(scrape(gatewayUrl, "gateway"));
                    Map<String, Set<String>> worker = labelsByName(scrape(workerUrl, "worker"));
                    List<String> problems = new ArrayList<>();
                    for (Expected expected : contract) {
                        if (expected.where().equals("gateway")
                                || expected.where().equals("both")) {
                            problems.addAll(expected.check("gateway", gateway));
                        }
                        if (expected.where().equals("worker")
                                || expected.where().equals("both")) {
                            problems.addAll(expected.check("worker", worker));
                        }
                    }
                    assertThat(problems)
                            .as("metrics.txt lists these, the services do not expose them")
                            .isEmpty();
                });
    }

    /** One line of metrics.txt that the services must honour (pending and Prometheus-made ones are skipped). */
    record Expected(String name, String where, List<String> labels) {

        List<String> check(String service, Map<String, Set<String>> scrape) {
            Set<String> labels = scrape.get(name);
            if (labels == null) {
                return List.of(service + " does not expose " + name);
            }
            return labels.containsAll(this.labels)
                    ? List.of()
                    : List.of(service + " exposes " + name + " with labels " + labels + ", expected " + this.labels);
        }
    }

    static List<Expected> readContract() {
        List<Expected> contract = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(contractFile())) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] columns = trimmed.split("\\s+");
                assertThat(columns.length).as("metrics.txt line: %s", line).isBetween(3, 4);
                String where = columns[1];
                assertThat(where).as("metrics.txt line: %s", line).isIn("gateway", "worker", "both", "prometheus");
                boolean pending = columns.length == 4 && columns[3].equals("pending");
                if (pending || where.equals("prometheus")) {
                    continue;
                }
                List<String> labels = columns[2].equals("-") ? List.of() : List.of(columns[2].split(","));
                contract.add(new Expected(columns[0], where, labels));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return contract;
    }

    private static Path contractFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("infra/observability/metrics.txt");
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "infra/observability/metrics.txt not found above " + Path.of("").toAbsolutePath());
    }

    /** The worker process picks a free port and logs it; WorkerProcess keeps it to itself. */
    private static int workerPort() {
        Matcher matcher = WORKER_PORT.matcher(WorkerProcess.shared().logText());
        assertThat(matcher.find()).as("worker log names its port").isTrue();
        return Integer.parseInt(matcher.group(1));
    }

    /** What Prometheus sends: the metrics credential both services were started with. */
    private static final String SCRAPE_AUTHORIZATION = "Basic "
            + Base64.getEncoder()
                    .encodeToString(("prometheus:" + SharedInfrastructureInitializer.METRICS_PASSWORD)
                            .getBytes(StandardCharsets.UTF_8));

    /** Scrapes {@code url}, keeping the last answer in {@code target/metrics-<service>.prom} to look at. */
    private String scrape(String url, String service) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", SCRAPE_AUTHORIZATION)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
            Files.writeString(Path.of("target", "metrics-" + service + ".prom"), response.body());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Series name to the union of the label names of its samples, from the Prometheus text format. */
    static Map<String, Set<String>> labelsByName(String exposition) {
        Map<String, Set<String>> names = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            boolean labelled = brace >= 0 && (space < 0 || brace < space);
            String name = labelled ? line.substring(0, brace) : line.substring(0, space < 0 ? line.length() : space);
            Set<String> labels = names.computeIfAbsent(name, key -> new HashSet<>());
            if (labelled) {
                labels.addAll(labelNames(line, brace + 1));
            }
        }
        return names;
    }

    /** The label names of one sample line, from just after its '{', skipping quoted values with their escapes. */
    private static List<String> labelNames(String line, int from) {
        List<String> labels = new ArrayList<>();
        int i = from;
        while (i < line.length() && line.charAt(i) != '}') {
            int equals = line.indexOf('=', i);
            labels.add(line.substring(i, equals).strip());
            i = equals + 2; // past ="
            while (line.charAt(i) != '"') {
                i += line.charAt(i) == '\\' ? 2 : 1;
            }
            i++; // past the closing quote
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return labels;
    }
}
