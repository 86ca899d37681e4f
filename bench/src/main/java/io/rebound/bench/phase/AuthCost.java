package io.rebound.bench.phase;

import io.rebound.bench.client.GatewayUser;
import io.rebound.bench.stack.ProcFs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * What a request costs the gateway with each way in, on the idle, warmed-up stack: the same
 * {@code GET /api/v1/operations/{id}} with a session cookie (the SPA, and the bench's users) and with HTTP Basic
 * (scripts, as the README shows), whose BCrypt check runs once and is then cached for a while.
 */
final class AuthCost {

    private static final int REQUESTS = 40;

    private AuthCost() {}

    static void run(PhaseContext ctx) {
        GatewayUser user = ctx.signIn(PhaseContext.USER);
        UUID session = user.createSession("Backend engineer");
        UUID operation = user.askQuestion(session);
        String path = "/api/v1/operations/" + operation;
        ctx.results().add("auth.cookie_cpu_ms", "ms", cpuPerRequest(ctx, () -> user.get(path)));
        HttpClient client = HttpClient.newHttpClient();
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (PhaseContext.USER + ":" + PhaseContext.PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(ctx.stack().gatewayUrl() + path))
                .header("Authorization", basic)
                .build();
        ctx.results().add("auth.basic_cpu_ms", "ms", cpuPerRequest(ctx, () -> {
            try {
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("Basic request answered " + response.statusCode());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
        PhaseContext.log(String.format(
                "Auth: %.1f ms of gateway CPU per request with a cookie, %.1f ms with HTTP Basic",
                ctx.results().median("auth.cookie_cpu_ms"), ctx.results().median("auth.basic_cpu_ms")));
    }

    /** Gateway CPU per request over {@value #REQUESTS} sequential requests, after a few unmeasured ones. */
    private static double cpuPerRequest(PhaseContext ctx, Runnable request) {
        for (int i = 0; i < 5; i++) {
            request.run();
        }
        long pid = ctx.stack().gatewayPid();
        double before = ProcFs.cpuSeconds(pid, false);
        for (int i = 0; i < REQUESTS; i++) {
            request.run();
        }
        return (ProcFs.cpuSeconds(pid, false) - before) / REQUESTS * 1000;
    }
}
