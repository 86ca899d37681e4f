package io.rebound.gateway.session;

import io.rebound.gateway.live.SessionEventStream;
import io.rebound.gateway.operation.OperationView;
import io.rebound.gateway.operation.OperationViews;
import io.rebound.gateway.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@RequestMapping("/api/v1/sessions")
class SessionController {

    static final int MAX_ANSWER_CHARS = 10_000;

    private final SessionService sessions;
    private final OperationViews operationViews;
    private final SessionEventStream events;

    SessionController(SessionService sessions, OperationViews operationViews, SessionEventStream events) {
        this.sessions = sessions;
        this.operationViews = operationViews;
        this.events = events;
    }

    record CreateSession(@NotBlank @Size(max = 200) String role) {}

    record SubmitAnswer(
            @NotBlank @Size(max = MAX_ANSWER_CHARS) String content) {}

    record SessionSummary(UUID id, String role, Instant createdAt, long messageCount) {}

    record MessageView(
            UUID id, String kind, String content, UUID operationId, UUID replyToMessageId, Instant createdAt) {
        static MessageView of(SessionMessage m) {
            return new MessageView(
                    m.getId(),
                    m.getKind().name().toLowerCase(),
                    m.getContent(),
                    m.getOperationId(),
                    m.getReplyToMessageId(),
                    m.getCreatedAt());
        }
    }

    record SessionDetail(
            UUID id, String role, Instant createdAt, List<MessageView> messages, List<OperationView> operations) {}

    record AnswerAccepted(MessageView message, OperationView operation) {}

    @PostMapping
    ResponseEntity<SessionDetail> create(
            @Valid @RequestBody CreateSession body, @AuthenticationPrincipal CurrentUser user) {
        InterviewSession session = sessions.create(user, body.role());
        return ResponseEntity.created(URI.create("/api/v1/sessions/" + session.getId()))
                .body(new SessionDetail(
                        session.getId(), session.getRole(), session.getCreatedAt(), List.of(), List.of()));
    }

    @GetMapping
    List<SessionSummary> list(@AuthenticationPrincipal CurrentUser user) {
        List<InterviewSession> list = sessions.list(user);
        Map<UUID, Long> counts = sessions.messageCounts(list);
        return list.stream()
                .map(s -> new SessionSummary(
                        s.getId(), s.getRole(), s.getCreatedAt(), counts.getOrDefault(s.getId(), 0L)))
                .toList();
    }

    @GetMapping("/{id}")
    SessionDetail get(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        InterviewSession session = sessions.get(user, id);
        return new SessionDetail(
                session.getId(),
                session.getRole(),
                session.getCreatedAt(),
                sessions.messages(id).stream().map(MessageView::of).toList(),
                operationViews.forSession(id));
    }

    @PostMapping("/{id}/questions")
    ResponseEntity<OperationView> askQuestion(@PathVariable UUID id, @AuthenticationPrincipal CurrentUser user) {
        OperationView operation = operationViews.of(sessions.askQuestion(user, id));
        return accepted(operation.id()).body(operation);
    }

    @PostMapping("/{id}/answers")
    ResponseEntity<AnswerAccepted> answer(
            @PathVariable UUID id, @Valid @RequestBody SubmitAnswer body, @AuthenticationPrincipal CurrentUser user) {
        SessionService.Answered answered = sessions.answer(user, id, body.content());
        OperationView operation = operationViews.of(answered.operation());
        return accepted(operation.id()).body(new AnswerAccepted(MessageView.of(answered.message()), operation));
    }

    /** Live status of the session's operations; {@code Last-Event-ID} resumes where a dropped stream stopped. */
    @GetMapping(value = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(
            @PathVariable UUID id,
            @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
            @AuthenticationPrincipal CurrentUser user) {
        sessions.get(user, id);
        return events.subscribe(id, user.email(), parseEventId(lastEventId));
    }

    private static Long parseEventId(String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static ResponseEntity.BodyBuilder accepted(UUID operationId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create("/api/v1/operations/" + operationId));
    }
}
