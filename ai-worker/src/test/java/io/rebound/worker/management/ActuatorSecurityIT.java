package io.rebound.worker.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The worker's actuator on a real port: health is open to probes, metrics, Prometheus and info need the metrics
 * credential. Only the web and security part of the worker runs here (no listeners), so it needs no broker.
 */
@SpringBootTest(
        classes = ActuatorSecurityIT.ActuatorOnly.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "rebound.metrics.password=scrape-secret",
            "spring.ai.openai.api-key=unused",
            "spring.ai.openai.base-url=http://localhost:1/v1"
        })
class ActuatorSecurityIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableConfigurationProperties(MetricsCredential.class)
    @Import({ManagementSecurityConfig.class, ProviderCredentialHealth.class})
    static class ActuatorOnly {}

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anonymousRequestsGetHealthButNoMetrics() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsCredentialScrapesAndAWrongOneDoesNot() throws Exception {
        HttpResponse<String> scrape = get("/actuator/prometheus", basic("prometheus", "scrape-secret"));

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        assertThat(get("/actuator/prometheus", basic("prometheus", "wrong")).statusCode())
                .isEqualTo(401);
        assertThat(get("/anything-else", basic("prometheus", "scrape-secret")).statusCode())
                .isIn(403, 404);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
