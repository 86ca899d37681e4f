package io.rebound.gateway.session;

import io.rebound.gateway.operation.SessionMembership;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The sessions' answer to {@link SessionMembership}, from their own repositories. */
@Component
class SessionMembershipQueries implements SessionMembership {

    private final SessionRepository sessions;
    private final SessionMessageRepository messages;

    SessionMembershipQueries(SessionRepository sessions, SessionMessageRepository messages) {
        this.sessions = sessions;
        this.messages = messages;
    }

    @Override
    public boolean ownsSession(UUID ownerId, UUID sessionId) {
        return sessions.existsByIdAndOwnerId(sessionId, ownerId);
    }

    @Override
    public boolean isMessageOf(UUID messageId, UUID sessionId) {
        return messages.existsByIdAndSessionId(messageId, sessionId);
    }
}
