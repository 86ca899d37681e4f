package io.rebound.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.gateway.web.HttpLimits;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Cookie sign-in as a slice with the gateway's real filter chains: the CSRF cookie the SPA echoes, what a sign-in
 * stores in the session, and each refusal as problem+json with its code. The password check itself is stubbed.
 */
@WebMvcTest(AuthController.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import(RealSecurity.class)
class AuthControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String ADA = "{\"email\":\"ada@example.com\",\"password\":\"rebound\"}";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private AuthenticationManager authenticationManager;

    private final CurrentUser ada = TestUsers.user("ada@example.com");

    @Test
    void refusesSignInWithoutCsrfTokenBeforeAnyPasswordIsChecked() throws Exception {
        mvc.perform(post("/api/v1/auth/login")
                        .header("Sec-Fetch-Mode", "cors")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(ADA))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/unauthenticated"))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
                // A browser's fetch gets no Basic challenge, so no browser dialog covers the SPA's own page.
                .andExpect(header().doesNotExist("WWW-Authenticate"));
        verifyNoInteractions(authenticationManager);
    }

    @Test
    void signsInWithTheTokenOfTheCsrfEndpointAndKeepsTheUserInTheSession() throws Exception {
        when(authenticationManager.authenticate(any())).thenReturn(signedIn(ada));
        mvc.perform(get("/api/v1/auth/csrf"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cookie_name").value("XSRF-TOKEN"))
                .andExpect(jsonPath("$.header_name").value("X-XSRF-TOKEN"))
                .andExpect(cookie().exists("XSRF-TOKEN"))
                .andExpect(cookie().httpOnly("XSRF-TOKEN", false));

        MvcResult login = mvc.perform(login("{\"email\":\"  ada@example.com \",\"password\":\"rebound\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("ada@example.com"))
                .andExpect(jsonPath("$.display_name").value("Test user"))
                .andExpect(jsonPath("$.roles", Matchers.contains("USER")))
                // The sign-in strategy drops the token from before sign-in; the SPA fetches a new one.
                .andExpect(cookie().maxAge("XSRF-TOKEN", 0))
                .andExpect(authenticated().withUsername("ada@example.com"))
                .andReturn();

        ArgumentCaptor<Authentication> attempt = ArgumentCaptor.forClass(Authentication.class);
        verify(authenticationManager).authenticate(attempt.capture());
        assertThat(attempt.getValue().getName()).isEqualTo("ada@example.com");
        assertThat(attempt.getValue().getCredentials()).isEqualTo("rebound");
        assertThat(attempt.getValue().getDetails()).isInstanceOf(WebAuthenticationDetails.class);
        MockHttpSession session = (MockHttpSession) login.getRequest().getSession(false);
        assertThat(session).isNotNull();
        mvc.perform(get("/api/v1/auth/me").session(session))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("ada@example.com"));
    }

    @Test
    void aWrongPasswordIsA401BadCredentialsProblemAndSignsNobodyIn() throws Exception {
        when(authenticationManager.authenticate(any())).thenThrow(new BadCredentialsException("Bad credentials"));

        mvc.perform(login(ADA))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/bad-credentials"))
                .andExpect(jsonPath("$.code").value("BAD_CREDENTIALS"))
                .andExpect(jsonPath("$.detail").value("Wrong email or password."))
                .andExpect(unauthenticated());
    }

    @Test
    void aBlankEmailOrPasswordIsRefusedNamingBothFieldsBeforeAnyCheck() throws Exception {
        mvc.perform(login("{\"email\":\" \",\"password\":\"\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/validation-failed"))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.detail", Matchers.matchesPattern("email: .+; password: .+")));
        mvc.perform(login("{\"email\":\"ada@example.com\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail", Matchers.startsWith("password: ")));
        verifyNoInteractions(authenticationManager);
    }

    @Test
    void aThrottledSignInIs429WithRetryAfterInWholeSecondsRoundedUp() throws Exception {
        when(authenticationManager.authenticate(any()))
                .thenThrow(new SignInThrottledException(Duration.ofMillis(29_100)));

        mvc.perform(login(ADA))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "30"))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/sign-in-throttled"))
                .andExpect(jsonPath("$.code").value("SIGN_IN_THROTTLED"))
                .andExpect(jsonPath("$.retry_after_seconds").value(30))
                .andExpect(jsonPath("$.detail", Matchers.containsString("wait 30 s")));
    }

    @Test
    void askingWhoIsSignedInIs204ForNobodyAndTheUserOtherwise() throws Exception {
        mvc.perform(get("/api/v1/auth/me"))
                .andExpect(status().isNoContent())
                .andExpect(content().string(""));
        mvc.perform(get("/api/v1/auth/me").with(user(TestUsers.admin("sre@example.com"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value("sre@example.com"))
                .andExpect(jsonPath("$.roles", Matchers.containsInAnyOrder("USER", "ADMIN")));
    }

    /**
     * A sign-in as the SPA sends it: the token of {@code /csrf} as cookie and header. Not {@code csrf()}: that swaps
     * the chain's cookie repository for a session one for every later test of this context.
     */
    private MockHttpServletRequestBuilder login(String body) throws Exception {
        Cookie token =
                mvc.perform(get("/api/v1/auth/csrf")).andReturn().getResponse().getCookie("XSRF-TOKEN");
        assertThat(token).isNotNull();
        return post("/api/v1/auth/login")
                .cookie(token)
                .header("X-XSRF-TOKEN", token.getValue())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }

    private static Authentication signedIn(CurrentUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }
}
