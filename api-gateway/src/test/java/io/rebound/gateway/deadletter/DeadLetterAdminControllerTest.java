package io.rebound.gateway.deadletter;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rebound.gateway.security.CurrentUser;
import io.rebound.gateway.security.RealSecurity;
import io.rebound.gateway.security.TestUsers;
import io.rebound.gateway.web.HttpLimits;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The dead-letter console's API as a slice: what it refuses (paging, unreadable times, a discard without a reason),
 * how a dry run differs from a started redrive, and that a discard by ids closes each one with the SRE's reason.
 */
@WebMvcTest(DeadLetterAdminController.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import(RealSecurity.class)
class DeadLetterAdminControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private DeadLetterIndex index;

    @MockitoBean
    private RedriveService redrives;

    @MockitoBean
    private AdminAudit audit;

    @MockitoBean
    private AuthenticationManager authenticationManager;

    private final CurrentUser sre = TestUsers.admin("sre@example.com");

    @Test
    void aUserWithoutTheAdminRoleIsRefusedWith403BeforeAnyDeadLetterIsReadOrChanged() throws Exception {
        CurrentUser ada = TestUsers.user("ada@example.com");
        mvc.perform(get("/api/v1/admin/dead-letters").with(user(ada)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("FORBIDDEN"));
        mvc.perform(post("/api/v1/admin/dead-letters/discard")
                        .with(user(ada))
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ids\":[1],\"reason\":\"not mine to discard\"}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(index, redrives, audit);
    }

    @Test
    void pagingOutsideItsBoundsAndUnreadableTimesAreRefused() throws Exception {
        mvc.perform(get("/api/v1/admin/dead-letters").param("size", "501").with(user(sre)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("INVALID_FILTER"))
                .andExpect(jsonPath("$.detail").value("page must be >= 0 and size 1..500"));
        mvc.perform(get("/api/v1/admin/dead-letters")
                        .param("since", "yesterday")
                        .with(user(sre)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("\"yesterday\" is not a valid since")));
        verifyNoInteractions(index);
    }

    @Test
    void anUnknownDeadLetterOrActionIsA404() throws Exception {
        when(index.get(anyLong())).thenReturn(Optional.empty());
        mvc.perform(get("/api/v1/admin/dead-letters/{id}", 42).with(user(sre)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("No dead letter or action 42 was found."));
        mvc.perform(get("/api/v1/admin/dead-letters/actions/{id}", 43).with(user(sre)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No dead letter or action 43 was found."));
    }

    @Test
    void aDryRunAnswers200AndAStartedRedrive202WithItsProgressLink() throws Exception {
        when(redrives.redrive(any(), eq(sre.email())))
                .thenReturn(new RedriveService.Plan(0, true, 3, 1, Map.of("would_redrive", 3), 10))
                .thenReturn(new RedriveService.Plan(9, false, 3, 1, Map.of(), 10));

        mvc.perform(json(post("/api/v1/admin/dead-letters/redrive"), "{\"filter\":{},\"dry_run\":true}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.dry_run").value(true))
                .andExpect(jsonPath("$.matched").value(3))
                .andExpect(jsonPath("$.permanent").value(1));
        mvc.perform(json(post("/api/v1/admin/dead-letters/redrive"), "{\"filter\":{},\"dry_run\":false}"))
                .andExpect(status().isAccepted())
                .andExpect(header().string("Location", "/api/v1/admin/dead-letters/actions/9"));
    }

    @Test
    void aDiscardNeedsAReasonAndClosesEachChosenDeadLetterWithIt() throws Exception {
        mvc.perform(json(post("/api/v1/admin/dead-letters/discard"), "{\"ids\":[1,2],\"reason\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_FILTER"))
                .andExpect(jsonPath("$.detail").value("a reason is required to discard dead letters"));
        verifyNoInteractions(index, audit);

        when(audit.start(eq(sre.email()), eq("DISCARD"), any(), eq(false), eq(2)))
                .thenReturn(7L);
        when(index.close(1L, DeadLetterState.DISCARDED, sre.email(), "bad prompt", null))
                .thenReturn(true);
        when(index.close(2L, DeadLetterState.DISCARDED, sre.email(), "bad prompt", null))
                .thenReturn(false);

        mvc.perform(json(post("/api/v1/admin/dead-letters/discard"), "{\"ids\":[1,2],\"reason\":\"bad prompt\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.audit_id").value(7))
                .andExpect(jsonPath("$.matched").value(2))
                .andExpect(jsonPath("$.discarded").value(1));
        verify(audit).progress(7L, 1, Map.of(), true);
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.with(user(sre))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
