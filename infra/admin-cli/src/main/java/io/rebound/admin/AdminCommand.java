package io.rebound.admin;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** What every command needs: the API, its output, the clock and the --json switch of the root command. */
abstract class AdminCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    ReboundAdmin root() {
        return (ReboundAdmin) spec.root().userObject();
    }

    AdminApi api() {
        try {
            return root().connection().api();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    boolean json() {
        return root().json();
    }

    Instant now() {
        return root().clock().instant();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the API's answer as is (pretty-printed), for --json. */
    int printJson(JsonNode node) {
        out().println(Json.pretty(node));
        out().flush();
        return ExitCodes.OK;
    }

    /** {@code "1 open dead letter"}, {@code "3 open dead letters"}. */
    static String openDeadLetters(long count) {
        return count + (count == 1 ? " open dead letter" : " open dead letters");
    }

    /** A command line that cannot work: picocli prints the message and the usage, and exits with 2. */
    ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
