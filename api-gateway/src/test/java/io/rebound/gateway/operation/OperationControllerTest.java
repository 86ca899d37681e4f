package io.rebound.gateway.operation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.common.OperationSource;
import io.rebound.common.OperationStatus;
import io.rebound.gateway.security.CurrentUser;
import io.rebound.gateway.security.RealSecurity;
import io.rebound.gateway.security.TestUsers;
import io.rebound.gateway.web.HttpLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The operations API as a slice: the controller, the problem+json advice and the request filters, with the services
 * stubbed. Each feature's error answers with its own status and code (the web layer knows none of them).
 */
@WebMvcTest(OperationController.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import(RealSecurity.class)
class OperationControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private OperationService operations;

    @MockitoBean
    private OperationViews views;

    @MockitoBean
    private OperationHistory history;

    @MockitoBean
    private RetryService retries;

    @MockitoBean
    private UserLimits userLimits;

    @MockitoBean
    private AuthenticationManager authenticationManager;

    private final CurrentUser ada = TestUsers.user("ada@example.com");
    private final UUID id = UUID.randomUUID();

    @BeforeEach
    void takeTurnsAtOnce() {
        TestOperations.takeTurnsAtOnce(userLimits);
    }

    @Test
    void nobodySignedInGetsA401ProblemAndNoServiceRuns() throws Exception {
        mvc.perform(get("/api/v1/operations/{id}", id))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void anOperationThatIsNotTheUsersIsA404Problem() throws Exception {
        when(operations.get(id, ada.id())).thenThrow(new OperationNotFoundException(id));

        mvc.perform(get("/api/v1/operations/{id}", id).with(user(ada)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("No operation " + id + " was found."));
    }

    @Test
    void anIdThatIsNoUuidIsA400ProblemThatSaysWhatWasExpected() throws Exception {
        mvc.perform(get("/api/v1/operations/{id}", "id").with(user(ada)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("\"id\" is not a valid id: expected")));
    }

    @Test
    void aRetryAnswers201WithTheNewOperationAnd200WithTheOneAnEarlierClickCreated() throws Exception {
        Operation retry = operation();
        when(retries.retry(id, ada.id(), ada.email(), OperationSource.MANUAL))
                .thenReturn(new RetryService.Retried(retry, true))
                .thenReturn(new RetryService.Retried(retry, false));
        when(views.of(retry)).thenReturn(view(retry.getId()));

        mvc.perform(post("/api/v1/operations/{id}/retry", id).with(user(ada)).with(csrf()))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/operations/" + retry.getId()))
                .andExpect(jsonPath("$.id").value(retry.getId().toString()))
                .andExpect(jsonPath("$.max_attempts").isEmpty());
        mvc.perform(post("/api/v1/operations/{id}/retry", id).with(user(ada)).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(retry.getId().toString()));
    }

    @Test
    void retryingAnOperationThatDidNotFailIsA409WithItsReason() throws Exception {
        when(retries.retry(eq(id), any(), any(), any()))
                .thenThrow(new OperationNotRetryableException(id, OperationStatus.COMPLETED));

        mvc.perform(post("/api/v1/operations/{id}/retry", id).with(user(ada)).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("OPERATION_NOT_RETRYABLE"))
                .andExpect(jsonPath("$.detail", Matchers.containsString("only a failed operation can be retried")));
    }

    @Test
    void aRetryOverTheUsersLimitIsA429WithRetryAfterAndTheLimit() throws Exception {
        doThrow(UserLimitExceededException.tooManyOpen(50, Duration.ofSeconds(5)))
                .when(userLimits)
                .inTurn(any(), any());

        mvc.perform(post("/api/v1/operations/{id}/retry", id).with(user(ada)).with(csrf()))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string("Retry-After", "5"))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("TOO_MANY_OPEN_OPERATIONS"))
                .andExpect(jsonPath("$.limit").value(50))
                .andExpect(jsonPath("$.retry_after_seconds").value(5));
    }

    private Operation operation() {
        return TestOperations.question(ada.id(), ada.email(), UUID.randomUUID(), 1, OperationSource.MANUAL);
    }

    private static OperationView view(UUID id) {
        Instant now = Instant.now();
        return new OperationView(
                id,
                "question_generation",
                "pending",
                null,
                null,
                null,
                1,
                0,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                "manual",
                now,
                now,
                null);
    }
}
