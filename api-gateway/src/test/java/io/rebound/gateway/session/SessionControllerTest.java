package io.rebound.gateway.session;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
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

import io.rebound.gateway.live.SessionEventStream;
import io.rebound.gateway.operation.OperationViews;
import io.rebound.gateway.operation.TestOperations;
import io.rebound.gateway.operation.UserLimits;
import io.rebound.gateway.security.CurrentUser;
import io.rebound.gateway.security.RealSecurity;
import io.rebound.gateway.security.TestUsers;
import io.rebound.gateway.web.HttpLimits;
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
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The sessions API as a slice: what the controller refuses before any service runs (validation, paging bounds,
 * unknown fields) and how the services' refusals answer, each as problem+json with its code.
 */
@WebMvcTest(SessionController.class)
@EnableConfigurationProperties(HttpLimits.class)
@Import(RealSecurity.class)
class SessionControllerTest {

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private SessionService sessions;

    @MockitoBean
    private OperationViews operationViews;

    @MockitoBean
    private SessionEventStream events;

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
        mvc.perform(get("/api/v1/sessions/{id}", id))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void createsASessionWith201AndItsLocation() throws Exception {
        InterviewSession session = new InterviewSession(ada.id(), "Backend engineer");
        when(sessions.create(ada, "Backend engineer")).thenReturn(session);

        mvc.perform(json(post("/api/v1/sessions"), "{\"role\":\"Backend engineer\"}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/sessions/" + session.getId()))
                .andExpect(jsonPath("$.role").value("Backend engineer"))
                .andExpect(jsonPath("$.answer_max_chars").value(SessionController.MAX_ANSWER_CHARS))
                .andExpect(jsonPath("$.has_older_messages").value(false));
    }

    @Test
    void aBlankOrOverlongRoleIsRefusedWithTheField() throws Exception {
        mvc.perform(json(post("/api/v1/sessions"), "{\"role\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("role: ")));
        mvc.perform(json(post("/api/v1/sessions"), "{\"role\":\"" + "x".repeat(201) + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        verifyNoInteractions(sessions);
    }

    @Test
    void anUnknownFieldIsNamedWithTheKnownOnes() throws Exception {
        mvc.perform(json(post("/api/v1/sessions"), "{\"role\":\"Backend engineer\",\"owner\":\"bob\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("Unknown field 'owner'")));
        verifyNoInteractions(sessions);
    }

    @Test
    void pagingOutsideItsBoundsIsAnInvalidParameter() throws Exception {
        mvc.perform(get("/api/v1/sessions").param("page", "-1").with(user(ada)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("INVALID_PARAMETER"))
                .andExpect(jsonPath("$.detail").value("'page' must be 0 or more."));
        mvc.perform(get("/api/v1/sessions").param("size", "101").with(user(ada)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("'size' must be 1..100."));
        verifyNoInteractions(sessions);
    }

    @Test
    void anAnswerOverTheLimitIsRefusedBeforeAnythingIsStored() throws Exception {
        String tooLong = "x".repeat(SessionController.MAX_ANSWER_CHARS + 1);
        mvc.perform(json(post("/api/v1/sessions/{id}/answers", id), "{\"content\":\"" + tooLong + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("content: ")));
        verifyNoInteractions(sessions);
    }

    @Test
    void theServicesRefusalsAnswerWithTheirOwnStatusAndCode() throws Exception {
        when(sessions.get(ada, id)).thenThrow(new SessionNotFoundException(id));
        mvc.perform(get("/api/v1/sessions/{id}", id).with(user(ada)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"))
                .andExpect(jsonPath("$.detail").value("No interview session " + id + " was found."));

        when(sessions.answer(eq(ada), eq(id), any())).thenThrow(new NoQuestionToAnswerException());
        mvc.perform(json(post("/api/v1/sessions/{id}/answers", id), "{\"content\":\"An answer.\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NO_QUESTION_TO_ANSWER"));
    }

    @Test
    void aModelAnswerNeedsTheIdOfAQuestion() throws Exception {
        mvc.perform(json(post("/api/v1/sessions/{id}/model-answers", id), "{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.detail", Matchers.startsWith("questionId: ")));
        mvc.perform(json(post("/api/v1/sessions/{id}/model-answers", id), "{\"question_id\":\"not-a-uuid\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        verifyNoInteractions(sessions);
    }

    @Test
    void aModelAnswerOnAMessageThatIsNoQuestionOrOnAQuestionThatHasOneIsRefused() throws Exception {
        UUID questionId = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        when(sessions.askModelAnswer(ada, id, questionId))
                .thenThrow(new QuestionNotFoundException(id, questionId))
                .thenThrow(new ModelAnswerExistsException(questionId, first));
        String body = "{\"question_id\":\"" + questionId + "\"}";

        mvc.perform(json(post("/api/v1/sessions/{id}/model-answers", id), body))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("QUESTION_NOT_FOUND"))
                .andExpect(jsonPath("$.type").value("https://rebound.io/problems/question-not-found"));
        mvc.perform(json(post("/api/v1/sessions/{id}/model-answers", id), body))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("MODEL_ANSWER_EXISTS"))
                .andExpect(jsonPath("$.operation_id").value(first.toString()));
    }

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
        return request.with(user(ada))
                .with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
