package io.rebound.common;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a person can usefully do about a failed operation; a UI offers Retry only for the first two. */
public enum NextAction {
    /** Trying again now is likely to work. */
    RETRY,
    /** Trying again works once the AI service has recovered, typically after a minute. */
    WAIT_AND_RETRY,
    /** The same input will be refused again; it has to be worded differently. */
    REPHRASE,
    /** Only an administrator of this installation can fix it; retrying will not help. */
    ASK_ADMINISTRATOR,
    /** Nothing the person can change; support needs the operation id. */
    CONTACT_SUPPORT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean retryHelps() {
        return this == RETRY || this == WAIT_AND_RETRY;
    }
}
