package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rebound.gateway.GatewayIT;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * CSRF protection is skipped only for requests that HTTP Basic authenticated: any other {@code Authorization} header,
 * or a Basic one that does not check out, beside a session cookie leaves the cookie session protected. The token is
 * new after every sign-in.
 */
class CsrfIT extends GatewayIT {

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser =
            HttpClient.newBuilder().cookieHandler(cookies).build();

    @Test
    void aBearerHeaderBesideASessionCookieStillNeedsTheCsrfToken() throws Exception {
        signInAsAda();

        HttpResponse<String> bearer = send(createSession().header("Authorization", "Bearer x"));

        assertThat(bearer.statusCode()).as(bearer.body()).isEqualTo(403);
        assertThat(bearer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void aBasicHeaderThatDoesNotCheckOutBesideASessionCookieIs401() throws Exception {
        signInAsAda();

        // Ada's own name with a wrong password: before, the session's user matched and the password went unchecked.
        HttpResponse<String> forged = send(createSession().header("Authorization", basic("ada@example.com", "guess")));

        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(401);
    }

    @Test
    void basicCredentialsNeedNoCsrfTokenAndOpenNoSession() throws Exception {
        HttpResponse<String> created =
                send(createSession().header("Authorization", basic("ada@example.com", PASSWORD)));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("JSESSIONID"));
    }

    @Test
    void theCsrfTokenChangesAtSignInAndTheOldOneNoLongerWorks() throws Exception {
        send(request("/api/v1/auth/csrf").GET());
        String before = xsrfCookie();

        HttpResponse<String> login = send(request("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", before)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).isEqualTo(200);

        HttpResponse<String> withOldToken = send(createSession().header("X-XSRF-TOKEN", before));
        assertThat(withOldToken.statusCode()).isEqualTo(403);

        // The SPA does what it does after a 403: read the cookie again (fetching /csrf if it is gone) and retry.
        send(request("/api/v1/auth/csrf").GET());
        String after = xsrfCookie();
        assertThat(after).isNotEqualTo(before);
        assertThat(send(createSession().header("X-XSRF-TOKEN", after)).statusCode())
                .isEqualTo(201);
    }

    private void signInAsAda() throws Exception {
        send(request("/api/v1/auth/csrf").GET());
        HttpResponse<String> login = send(request("/api/v1/auth/login")
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", xsrfCookie())
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}")));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    }

    private HttpRequest.Builder createSession() {
        return request("/api/v1/sessions")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"SRE\"}"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl() + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String xsrfCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")
                        && !cookie.getValue().isEmpty())
                .reduce((first, second) -> second)
                .orElseThrow()
                .getValue();
    }

    private static String basic(String email, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
