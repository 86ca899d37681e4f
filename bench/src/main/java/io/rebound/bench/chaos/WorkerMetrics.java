package io.rebound.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Reads {@code rebound_worker_in_flight} (AI calls running now) from a worker's {@code /actuator/prometheus}. A worker
 * without the non-blocking model does not expose it.
 */
final class WorkerMetrics {

    static final String IN_FLIGHT = "rebound_worker_in_flight";

    /** What one scrape found: whether the worker answered at all, and the gauge if it has one. */
    record Sample(boolean answered, OptionalDouble inFlight) {}

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI uri;

    WorkerMetrics(String workerUrl) {
        this.uri = URI.create(workerUrl + "/actuator/prometheus");
    }

    Sample sample() throws InterruptedException {
        HttpRequest request =
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new Sample(false, OptionalDouble.empty());
            }
            return new Sample(true, gauge(response.body(), IN_FLIGHT));
        } catch (IOException e) {
            return new Sample(false, OptionalDouble.empty()); // not listening yet, or gone
        }
    }

    /**
     * The value of a gauge in Prometheus text format, summed over its label sets (one per worker, unless it is split
     * by something else); empty if no sample has that name.
     */
    static OptionalDouble gauge(String text, String name) {
        double sum = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            if (!rest.startsWith("{") && !rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one (e.g. ..._max)
            }
            if (rest.startsWith("{")) {
                int close = rest.lastIndexOf('}');
                if (close < 0) {
                    continue;
                }
                rest = rest.substring(close + 1);
            }
            String[] fields = rest.trim().split("\\s+");
            try {
                sum += Double.parseDouble(fields[0]);
                found = true;
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }
}
