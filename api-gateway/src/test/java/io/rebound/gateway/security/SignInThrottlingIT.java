package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.rebound.gateway.GatewayIT;
import io.rebound.testsupport.ApiClient;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password guessing and BCrypt CPU are not free: with the defaults, 5 failed sign-ins per account name and 20 per
 * client address within 5 minutes, then 429 problem+json with Retry-After, for form sign-in and HTTP Basic alike.
 */
class SignInThrottlingIT extends GatewayIT {

    private static final int PER_ACCOUNT = 5;
    private static final int PER_ADDRESS = 20;

    @Autowired
    SignInThrottle throttle;

    @Autowired
    MeterRegistry meters;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PasswordEncoder passwordEncoder;

    @AfterEach
    void forgetFailures() {
        throttle.forgetAll(); // every test signs in from 127.0.0.1; the next must not start throttled
    }

    @Test
    void fortyWrongPasswordsGetFive401sThen429sWithoutCheckingThePasswordAgain() {
        String email = newAccount("guessed");
        ApiClient attacker = ApiClient.as(baseUrl(), email, "wrong");
        double checksBefore = passwordChecks();
        long started = System.nanoTime();
        long firstThrottledAfterMs = -1;
        List<Integer> statuses = new ArrayList<>();

        for (int i = 0; i < 40; i++) {
            ApiClient.Response response = attacker.get("/api/v1/sessions");
            statuses.add(response.status());
            if (response.status() == 429 && firstThrottledAfterMs < 0) {
                firstThrottledAfterMs = (System.nanoTime() - started) / 1_000_000;
                assertThrottled(response);
            }
        }
        double checks = passwordChecks() - checksBefore;

        assertThat(statuses.subList(0, PER_ACCOUNT)).containsOnly(401);
        assertThat(statuses.subList(PER_ACCOUNT, 40)).containsOnly(429);
        assertThat(checks).as("BCrypt checks for 40 tries").isEqualTo(PER_ACCOUNT);
        assertThat(as(email).get("/api/v1/sessions").status())
                .as("the right password waits too: otherwise a 200 would tell the guess was right")
                .isEqualTo(429);
        System.out.printf(
                "sign-in throttling: 40 wrong passwords, first 429 at try %d after %d ms, %.0f BCrypt checks%n",
                PER_ACCOUNT + 1, firstThrottledAfterMs, checks);
    }

    @Test
    void formSignInIsThrottledLikeBasicAndTheTwoShareTheAccountsCount() throws Exception {
        String email = newAccount("form");
        Browser browser = new Browser();
        for (int i = 0; i < PER_ACCOUNT - 1; i++) {
            assertThat(browser.login(email, "nope").statusCode()).isEqualTo(401);
        }
        assertThat(ApiClient.as(baseUrl(), email, "nope")
                        .get("/api/v1/sessions")
                        .status())
                .isEqualTo(401);

        HttpResponse<String> throttled = browser.login(email, PASSWORD);

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(throttled.body()).contains("\"code\":\"SIGN_IN_THROTTLED\"");
        long retryAfter =
                Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(throttled.body()).contains("\"retry_after_seconds\":" + retryAfter);
    }

    @Test
    void unknownAccountsAreThrottledAlikeAndCostTheSameBcryptCheck() {
        String known = newAccount("known");
        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        List<Long> knownMs = new ArrayList<>();
        List<Long> unknownMs = new ArrayList<>();
        ApiClient.as(baseUrl(), "warm-" + UUID.randomUUID() + "@example.com", "x")
                .get("/api/v1/sessions"); // the dummy hash is made on first use
        throttle.forgetAll();

        for (int i = 0; i < PER_ACCOUNT; i++) {
            knownMs.add(timedFailure(known));
            unknownMs.add(timedFailure(unknown));
        }

        assertThrottled(ApiClient.as(baseUrl(), known, "wrong").get("/api/v1/sessions"));
        assertThrottled(ApiClient.as(baseUrl(), unknown, "wrong").get("/api/v1/sessions"));
        long knownMedian = median(knownMs);
        long unknownMedian = median(unknownMs);
        System.out.printf(
                "sign-in timing: wrong password %d ms (median), unknown account %d ms%n", knownMedian, unknownMedian);
        assertThat(unknownMedian * 2)
                .as("an unknown account is not answered faster")
                .isGreaterThan(knownMedian);
    }

    @Test
    void oneAddressTryingManyAccountsIsThrottledWhateverXForwardedForItSends() {
        for (int i = 0; i < PER_ADDRESS; i++) {
            ApiClient.Response response = spoofed("10.0.0." + i, "spray-" + i + "-" + UUID.randomUUID());
            assertThat(response.status()).as("try " + (i + 1)).isEqualTo(401);
        }

        ApiClient.Response next = spoofed("10.0.1.1", "spray-next-" + UUID.randomUUID());

        assertThrottled(next);
    }

    @Test
    void aVerifiedBasicCredentialIsCheckedOnceAndAChangedPasswordIsCheckedAgain() {
        String email = newAccount("poller");
        ApiClient poller = as(email);
        double checksBefore = passwordChecks();

        for (int i = 0; i < 20; i++) {
            assertThat(poller.get("/api/v1/sessions").status()).isEqualTo(200);
        }
        double checks = passwordChecks() - checksBefore;
        assertThat(checks).as("BCrypt checks for 20 polls").isEqualTo(1);
        System.out.printf("basic polling: 20 requests, %.0f BCrypt check (%d avoided)%n", checks, 20 - (int) checks);

        jdbc.update("update users set password_hash = ? where email = ?", passwordEncoder.encode("changed"), email);

        assertThat(poller.get("/api/v1/sessions").status()).isEqualTo(401);
        assertThat(ApiClient.as(baseUrl(), email, "changed")
                        .get("/api/v1/sessions")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aScriptPollingWithItsVerifiedCredentialIsNotLockedOutBySomeoneGuessing() {
        String email = newAccount("victim");
        ApiClient script = as(email);
        assertThat(script.get("/api/v1/sessions").status()).isEqualTo(200);

        for (int i = 0; i < PER_ACCOUNT; i++) {
            ApiClient.as(baseUrl(), email, "guess-" + i).get("/api/v1/sessions");
        }

        assertThrottled(ApiClient.as(baseUrl(), email, "guess-again").get("/api/v1/sessions"));
        assertThat(script.get("/api/v1/sessions").status()).isEqualTo(200);
    }

    private ApiClient.Response spoofed(String forwardedFor, String account) {
        ApiClient client = ApiClient.as(baseUrl(), account + "@example.com", "wrong");
        return client.send(client.request("/api/v1/sessions").header("X-Forwarded-For", forwardedFor));
    }

    private long timedFailure(String email) {
        long started = System.nanoTime();
        assertThat(ApiClient.as(baseUrl(), email, "wrong")
                        .get("/api/v1/sessions")
                        .status())
                .isEqualTo(401);
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static void assertThrottled(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(429);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("SIGN_IN_THROTTLED");
        assertThat(response.text("detail")).contains("What to do:");
        assertThat(response.header("WWW-Authenticate")).isNull();
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 300L);
        assertThat(response.json().get("retry_after_seconds").asLong()).isEqualTo(retryAfter);
    }

    private double passwordChecks() {
        return meters.get("rebound.password.checks").counter().count();
    }

    /** The SPA's way in: a cookie jar and the CSRF token. */
    private final class Browser {
        private final CookieManager cookies = new CookieManager();
        private final HttpClient http =
                HttpClient.newBuilder().cookieHandler(cookies).build();

        HttpResponse<String> login(String email, String password) throws Exception {
            http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/csrf"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            String token = cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals("XSRF-TOKEN"))
                    .reduce((first, second) -> second)
                    .orElseThrow()
                    .getValue();
            return http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/auth/login"))
                            .header("Content-Type", "application/json")
                            .header("X-XSRF-TOKEN", token)
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
