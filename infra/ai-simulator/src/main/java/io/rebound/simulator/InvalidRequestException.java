package io.rebound.simulator;

/** A request the simulator rejects with 400 and an OpenAI {@code invalid_request_error}. */
final class InvalidRequestException extends RuntimeException {

    private final String param;

    InvalidRequestException(String message, String param) {
        super(message);
        this.param = param;
    }

    String param() {
        return param;
    }
}
