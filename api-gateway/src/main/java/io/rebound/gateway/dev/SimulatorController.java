package io.rebound.gateway.dev;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The AI simulator's fault API behind the gateway, so an administrator can make the AI fail from the SPA's simulator
 * panel. It exists only in the local profile and when {@code rebound.simulator.url} is set (the local profile sets it);
 * anywhere else it answers 404, and to anyone but an administrator 403 (see {@code SecurityConfig}).
 */
@RestController
@RequestMapping(SimulatorController.PATH)
@Profile("local")
@ConditionalOnProperty("rebound.simulator.url")
public class SimulatorController {

    public static final String PATH = "/api/v1/dev/simulator";

    private final RestClient simulator;

    SimulatorController(SimulatorProperties properties) {
        this.simulator = RestClient.create(properties.url());
    }

    record FaultRequest(Integer status, Integer times, Integer retryAfterSeconds, Integer delayMs) {}

    @GetMapping
    Map<?, ?> faults() {
        return simulator.get().uri("/admin/faults").retrieve().body(Map.class);
    }

    @PostMapping("/faults")
    ResponseEntity<Map<?, ?>> addFault(@RequestBody FaultRequest fault) {
        Map<?, ?> created = simulator
                .post()
                .uri("/admin/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .body(withoutNulls(fault))
                .retrieve()
                .body(Map.class);
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    private static Map<String, Integer> withoutNulls(FaultRequest fault) {
        Map<String, Integer> body = new LinkedHashMap<>();
        body.put("status", fault.status());
        body.put("times", fault.times());
        body.put("retry_after_seconds", fault.retryAfterSeconds());
        body.put("delay_ms", fault.delayMs());
        body.values().removeIf(Objects::isNull);
        return body;
    }

    @DeleteMapping("/faults")
    ResponseEntity<Void> clearFaults() {
        simulator.delete().uri("/admin/faults").retrieve().toBodilessEntity();
        return ResponseEntity.noContent().build();
    }
}
