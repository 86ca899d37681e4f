package io.rebound.bench.chaos;

import io.rebound.bench.client.Http;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import tools.jackson.databind.JsonNode;

/**
 * Reads the worker's in-flight gauge ({@code rebound_worker_in_flight} on {@code /actuator/prometheus}: AI calls
 * running now) as the one meter {@code /actuator/metrics/rebound.worker.in.flight}, which is cheap enough to read every
 * 100 ms while the worker ramps up (a whole Prometheus scrape is not). A worker without the non-blocking model has no
 * such meter (404).
 */
final class WorkerMetrics {

    static final String IN_FLIGHT = "rebound_worker_in_flight";
    static final String IN_FLIGHT_METER = "rebound.worker.in.flight";

    /** What one read found: whether the worker answered at all, and the gauge if it has one. */
    record Sample(boolean answered, OptionalDouble inFlight) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    WorkerMetrics(String workerUrl) {
        this.uri = URI.create(workerUrl + "/actuator/metrics/" + IN_FLIGHT_METER);
    }

    Sample sample() throws InterruptedException {
        HttpRequest request =
                Http.actuator(uri.toString()).timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return switch (response.statusCode()) {
                case 200 -> new Sample(true, value(response.body()));
                case 404 -> new Sample(true, OptionalDouble.empty()); // up, but no such meter
                default -> new Sample(false, OptionalDouble.empty()); // starting (503) or failing
            };
        } catch (IOException e) {
            return new Sample(false, OptionalDouble.empty()); // not listening yet, or gone
        }
    }

    /** The {@code VALUE} measurement of an actuator metrics document, empty if it has none. */
    static OptionalDouble value(String body) {
        try {
            for (JsonNode measurement : Http.JSON.readTree(body).path("measurements")) {
                if ("VALUE".equals(measurement.path("statistic").asString(""))
                        && measurement.path("value").isNumber()) {
                    return OptionalDouble.of(measurement.path("value").asDouble());
                }
            }
        } catch (RuntimeException e) {
            // not a metrics document
        }
        return OptionalDouble.empty();
    }

    /**
     * Records the worker did not send to the AI because their operation had finished
     * ({@code rebound_operations_skipped_total{reason="finished"}}); 0 before the first (the meter is registered then).
     */
    static double skippedFinished(String workerUrl) throws InterruptedException {
        HttpRequest request = Http.actuator(
                        workerUrl + "/actuator/metrics/rebound.operations.skipped?tag=reason:finished")
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0;
            }
            for (JsonNode measurement : Http.JSON.readTree(response.body()).path("measurements")) {
                if ("COUNT".equals(measurement.path("statistic").asString(""))) {
                    return measurement.path("value").asDouble();
                }
            }
            throw new IllegalStateException("no count in " + response.statusCode() + " " + response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the worker's metrics did not answer: " + e, e);
        }
    }
}
