package io.rebound.admin;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** Runs rebound-admin in-process, as a shell would, with its stdout and stderr captured. */
record Cli(int exitCode, String out, String err) {

    static Cli run(Map<String, String> env, Clock clock, String... args) {
        CommandLine commandLine = ReboundAdmin.commandLine(env, clock);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    static Cli run(String... args) {
        return run(Map.of(), Clock.systemUTC(), args);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
