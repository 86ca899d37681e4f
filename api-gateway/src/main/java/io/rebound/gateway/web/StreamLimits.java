package io.rebound.gateway.web;

import tools.jackson.core.exc.StreamConstraintsException;

/** Finds Jackson's "over a read limit" in an exception chain, however deep a deserializer wrapped it. */
final class StreamLimits {

    private StreamLimits() {}

    static StreamConstraintsException cause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }
}
