package io.rebound.gateway.operation;

import java.util.UUID;

/**
 * What operations need to know of interview sessions: whether an operation requested outside the API may attach to the
 * session and message it names. The session package answers it (it depends on operations, never the other way).
 */
public interface SessionMembership {

    boolean ownsSession(UUID ownerId, UUID sessionId);

    boolean isMessageOf(UUID messageId, UUID sessionId);
}
