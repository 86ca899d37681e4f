package io.rebound.gateway.session;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One practice interview of one person for one role. */
@Entity
@Table(name = "interview_sessions")
public class InterviewSession {

    @Id
    private UUID id;

    private UUID ownerId;
    private String role;
    private Instant createdAt;

    protected InterviewSession() {}

    InterviewSession(UUID ownerId, String role) {
        this.id = UUID.randomUUID();
        this.ownerId = ownerId;
        this.role = role;
        this.createdAt = Instant.now();
    }

    public UUID getId() {
        return id;
    }

    public UUID getOwnerId() {
        return ownerId;
    }

    public String getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
