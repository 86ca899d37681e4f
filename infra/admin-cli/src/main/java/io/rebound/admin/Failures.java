package io.rebound.admin;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * What went wrong becomes short lines on stderr and a documented exit code: the problem's detail rather than a stack
 * trace, and a pointer to --help rather than the whole of it.
 */
final class Failures implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        if (e instanceof ApiException api) {
            String status = api.status() == 0 ? api.code() : "HTTP " + api.status() + " " + api.code();
            err.println(commandLine.getColorScheme().errorText("error: " + api.getMessage() + " [" + status + "]"));
            hint(api.status(), err);
            err.flush();
            return api.exitCode();
        }
        err.println(commandLine.getColorScheme().errorText("rebound-admin: unexpected error: " + e));
        e.printStackTrace(err);
        err.flush();
        return ExitCodes.UNEXPECTED;
    }

    /** Auth failures say nothing about the cause by design; tell the SRE what to check. */
    private static void hint(int status, PrintWriter err) {
        if (status == 401) {
            err.println("Check --user and --password (or REBOUND_USER and REBOUND_PASSWORD).");
        } else if (status == 403) {
            err.println("The admin API needs a user with the ADMIN role.");
        }
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine commandLine = e.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println(commandLine.getColorScheme().errorText("error: " + e.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }
}
