package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import io.rebound.testsupport.SharedInfrastructureInitializer;
import org.junit.jupiter.api.Test;

/**
 * Metrics and the API description are not public: Prometheus scrapes with the metrics credential, the API description
 * is for signed-in users, and health stays open for probes.
 */
class ActuatorSecurityIT extends GatewayIT {

    private ApiClient scraper() {
        return ApiClient.as(baseUrl(), "prometheus", SharedInfrastructureInitializer.METRICS_PASSWORD);
    }

    @Test
    void anonymousRequestsGetNoMetricsButHealth() {
        ApiClient anonymous = ApiClient.anonymous(baseUrl());

        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info"}) {
            ApiClient.Response response = anonymous.get(path);
            assertThat(response.status()).as(path).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).as(path).startsWith("Basic");
        }
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void theMetricsCredentialScrapesAndNoUserAccountDoes() {
        ApiClient.Response scrape = scraper().get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("rebound_outbox_backlog");
        assertThat(ApiClient.as(baseUrl(), "prometheus", "wrong")
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(401);
        // Not even an admin's account: the scrape credential is the only way in.
        assertThat(ApiClient.as(baseUrl(), "sre@example.com", PASSWORD)
                        .get("/actuator/prometheus")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theApiDescriptionNeedsASignedInUser() {
        assertThat(ApiClient.anonymous(baseUrl()).get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(ada().get("/v3/api-docs").status()).isEqualTo(200);
    }
}
