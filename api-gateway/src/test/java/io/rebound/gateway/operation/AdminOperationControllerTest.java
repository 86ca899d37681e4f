package io.rebound.gateway.operation;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.common.ErrorCode;
import io.rebound.common.OperationSource;
import io.rebound.gateway.availability.AiAvailability;
import io.rebound.gateway.availability.AvailabilityProperties;
import io.rebound.gateway.security.CurrentUser;
import io.rebound.gateway.security.RealSecurity;
import io.rebound.gateway.security.TestUsers;
import io.rebound.gateway.web.HttpLimits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
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
 * The SRE's view of any user's retry chain as a slice with the gateway's real filter chains: only role ADMIN reads it,
 * and an unknown id answers like the owner's own history does.
 */
@WebMvcTest(AdminOperationController.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import(RealSecurity.class)
class AdminOperationControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private OperationService operations;

    @MockitoBean
    private OperationHistory history;

    @MockitoBean
    private AuthenticationManager authenticationManager;

    private final CurrentUser sre = TestUsers.admin("sre@example.com");
    private final CurrentUser ada = TestUsers.user("ada@example.com");
    private final AiAvailability available =
            new AiAvailability(Clock.systemUTC(), new AvailabilityProperties(Duration.ofMinutes(2), "test"));

    @Test
    void anSreReadsTheRetryChainOfAnotherUsersOperationOldestFirst() throws Exception {
        Operation failed = TestOperations.question(ada.id(), ada.email(), UUID.randomUUID(), 0, OperationSource.API);
        failed.fail(ErrorCode.AI_UNAVAILABLE);
        Operation retry = failed.retry(ada.id(), ada.email(), OperationSource.MANUAL, 10, Duration.ofMinutes(5));
        when(operations.getForAdmin(retry.getId())).thenReturn(retry);
        Instant started = Instant.parse("2025-01-01T10:00:00Z");
        when(history.of(retry))
                .thenReturn(new OperationHistory.History(List.of(
                        new OperationHistory.Entry(
                                OperationView.of(failed, retry.getId(), available),
                                List.of(new OperationHistory.AttemptView(
                                        1,
                                        started,
                                        started.plusSeconds(2),
                                        OperationAttempt.FAILED,
                                        "InternalServerException",
                                        500,
                                        "upstream 500",
                                        null))),
                        new OperationHistory.Entry(OperationView.of(retry, null, available), List.of()))));

        mvc.perform(get("/api/v1/admin/operations/{id}/history", retry.getId()).with(user(sre)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.operations[*].operation.id")
                        .value(Matchers.contains(
                                failed.getId().toString(), retry.getId().toString())))
                .andExpect(jsonPath("$.operations[0].operation.retried_by_operation_id")
                        .value(retry.getId().toString()))
                .andExpect(jsonPath("$.operations[0].operation.error_code").value("AI_UNAVAILABLE"))
                .andExpect(jsonPath("$.operations[0].attempts[0].outcome").value("failed"))
                .andExpect(jsonPath("$.operations[0].attempts[0].http_status").value(500))
                .andExpect(jsonPath("$.operations[1].operation.parent_operation_id")
                        .value(failed.getId().toString()))
                .andExpect(jsonPath("$.operations[1].operation.source").value("manual"));
    }

    @Test
    void withoutAUserTheHistoryIsA401ProblemWithABasicChallengeForScripts() throws Exception {
        UUID id = UUID.randomUUID();
        mvc.perform(get("/api/v1/admin/operations/{id}/history", id))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Basic realm=\"rebound\""))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/unauthenticated"))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        verifyNoInteractions(operations, history);
    }

    @Test
    void aUserWithoutTheAdminRoleIsA403ProblemAndNothingIsLookedUp() throws Exception {
        mvc.perform(get("/api/v1/admin/operations/{id}/history", UUID.randomUUID())
                        .with(user(ada)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/forbidden"))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        verifyNoInteractions(operations, history);
    }

    @Test
    void anUnknownOperationIsA404AndAMalformedIdA400() throws Exception {
        UUID unknown = UUID.randomUUID();
        when(operations.getForAdmin(unknown)).thenThrow(new OperationNotFoundException(unknown));

        mvc.perform(get("/api/v1/admin/operations/{id}/history", unknown).with(user(sre)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/not-found"))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("No operation " + unknown + " was found."));
        mvc.perform(get("/api/v1/admin/operations/{id}/history", "42").with(user(sre)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("\"42\" is not a valid id")));
        verifyNoInteractions(history);
    }
}
