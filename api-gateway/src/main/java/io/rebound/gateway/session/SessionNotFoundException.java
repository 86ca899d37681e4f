package io.rebound.gateway.session;

import java.util.UUID;

/** Unknown, or someone else's. */
public class SessionNotFoundException extends RuntimeException {

    public SessionNotFoundException(UUID id) {
        super("No interview session " + id + " was found.");
    }
}
