package io.rebound.gateway.session;

import io.rebound.common.OperationType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A line of the conversation: an AI question, the person's answer, or AI feedback on that answer. */
@Entity
@Table(name = "session_messages")
public class SessionMessage {

    public enum Kind {
        QUESTION,
        ANSWER,
        FEEDBACK,
        MODEL_ANSWER;

        /** The message an operation's result becomes; every type lands as exactly one kind. */
        static Kind resultOf(OperationType type) {
            return switch (type) {
                case QUESTION_GENERATION -> QUESTION;
                case FEEDBACK_ANALYSIS -> FEEDBACK;
                case MODEL_ANSWER -> MODEL_ANSWER;
            };
        }
    }

    @Id
    private UUID id;

    private UUID sessionId;

    @Enumerated(EnumType.STRING)
    private Kind kind;

    private String content;
    private UUID operationId;
    private UUID replyToMessageId;
    private Instant createdAt;

    protected SessionMessage() {}

    SessionMessage(UUID sessionId, Kind kind, String content, UUID operationId, UUID replyToMessageId) {
        this.id = UUID.randomUUID();
        this.sessionId = sessionId;
        this.kind = kind;
        this.content = content;
        this.operationId = operationId;
        this.replyToMessageId = replyToMessageId;
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getSessionId() {
        return sessionId;
    }

    public Kind getKind() {
        return kind;
    }

    public String getContent() {
        return content;
    }

    public UUID getOperationId() {
        return operationId;
    }

    public UUID getReplyToMessageId() {
        return replyToMessageId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
