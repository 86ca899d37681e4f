package io.rebound.bench.chaos;

import io.rebound.bench.client.Http;
import io.rebound.bench.client.SimulatorClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import tools.jackson.databind.JsonNode;

/**
 * One fault of {@code make chaos}, run under the suite's steady load on the shared stack ({@link Scenarios} lists
 * them in order). Subclasses hold one scenario each; this class holds what they share.
 */
abstract class Scenario {

    /** What every scenario works with: the stack, the configuration, and the clients on it. */
    record Stage(ChaosStack stack, ChaosConfig config, Http http, Ledger ledger, SimulatorClient simulator) {

        static Stage on(ChaosStack stack, ChaosConfig config) {
            Http http = new Http();
            return new Stage(
                    stack, config, http, new Ledger(stack.jdbcUrl()), new SimulatorClient(http, stack.simulatorUrl()));
        }
    }

    static final Duration SETTLE = Duration.ofMinutes(4);

    final ChaosStack stack;
    final ChaosConfig config;
    final Http http;
    final Ledger ledger;
    final SimulatorClient simulator;

    Scenario(Stage stage) {
        this.stack = stage.stack();
        this.config = stage.config();
        this.http = stage.http();
        this.ledger = stage.ledger();
        this.simulator = stage.simulator();
    }

    /** The scenario's name in {@code CHAOS_SCENARIOS} and the report. */
    abstract String name();

    abstract Outcome run() throws Exception;

    /** Why the scenario does not apply to the stack as configured, if it does not. */
    Optional<String> skipReason() {
        return Optional.empty();
    }

    /** How long the load runs, and a point in it as a share of that. */
    double loadSeconds() {
        return config.operations() / config.rate();
    }

    double at(double share) {
        return loadSeconds() * share;
    }

    Trial trial(String name, String title) {
        return new Trial(name, title, stack, config, http).withUsers(i -> "chaos " + name + " " + i);
    }

    String pct(double share) {
        return Math.round(share * 100) + " %";
    }

    static Outcome withCheck(Outcome outcome, String what, boolean passed, String detail) {
        List<Outcome.Check> checks = new java.util.ArrayList<>(outcome.checks());
        checks.add(new Outcome.Check(what, passed, detail));
        return new Outcome(
                outcome.name(),
                outcome.title(),
                outcome.fault(),
                outcome.counts(),
                outcome.facts(),
                outcome.timeline(),
                checks);
    }

    Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap());
        return Admin.create(properties);
    }

    /** An SRE's call to the admin API, with HTTP Basic like the rebound-admin CLI. */
    JsonNode admin(String method, String path, Object body) {
        String credentials =
                Base64.getEncoder().encodeToString("sre@example.com:rebound".getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(stack.gatewayUrls().get(0) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, Http.body(body))
                .build();
        return http.json(request, 200, 202);
    }
}
