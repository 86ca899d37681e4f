package io.rebound.admin;

/** The exit codes scripts can rely on; {@link ReboundAdmin}'s --help and the README list them too. */
final class ExitCodes {

    static final int OK = 0;
    /** A bug in the CLI itself: an exception nobody expected. */
    static final int UNEXPECTED = 1;
    /** picocli's own code for a command line it cannot accept. */
    static final int USAGE = 2;

    static final int NOT_FOUND = 3;
    static final int AUTH = 4;
    static final int SERVER = 5;
    static final int INVALID = 6;

    private ExitCodes() {}

    /** The exit code for an HTTP status; 0 stands for "no answer at all" (network error). */
    static int forStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        return switch (status) {
            case 401, 403 -> AUTH;
            case 404 -> NOT_FOUND;
            case 429 -> SERVER;
            default -> status >= 400 && status < 500 ? INVALID : SERVER;
        };
    }
}
