package io.rebound.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.TypeConversionException;

/** {@code rebound-admin}: the SRE's command line for the gateway's admin API. */
@Command(
        name = "rebound-admin",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = ReboundAdmin.Version.class,
        description = "Drains Rebound's dead-letter topic through the gateway's admin API (HTTP Basic, role ADMIN).",
        subcommands = DeadLetterCommand.class,
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  REBOUND_URL       gateway base URL (default " + Connection.DEFAULT_URL + ")",
            "  REBOUND_USER      user; prefer it to --user in scripts",
            "  REBOUND_PASSWORD  password; safer than --password, which ps shows",
            "  Only for localhost the user defaults to " + Connection.DEMO_USER + " / " + Connection.DEMO_PASSWORD
                    + ".%n"
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:unexpected error in rebound-admin itself",
            "2:usage error (unknown option, bad value, missing argument)",
            "3:not found (HTTP 404): no such dead letter or action",
            "4:authentication or authorisation failed (HTTP 401/403): wrong password, or not an ADMIN",
            "5:server or network error (HTTP 5xx/429, gateway unreachable, redrive errors, --wait timeout)",
            "6:request rejected as invalid or conflicting (HTTP 400, 409, other 4xx)"
        })
public final class ReboundAdmin {

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "Gateway base URL (env REBOUND_URL, default " + Connection.DEFAULT_URL + ").")
    String url;

    @Option(
            names = "--user",
            scope = ScopeType.INHERIT,
            paramLabel = "EMAIL",
            description = "User with role ADMIN (env REBOUND_USER).")
    String user;

    @Option(
            names = "--password",
            scope = ScopeType.INHERIT,
            paramLabel = "PASSWORD",
            description = "Password (env REBOUND_PASSWORD).")
    String password;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print the API's JSON instead of tables, for jq and scripts.")
    boolean json;

    private final Map<String, String> env;
    private final Clock clock;

    ReboundAdmin(Map<String, String> env, Clock clock) {
        this.env = env;
        this.clock = clock;
    }

    public static void main(String... args) {
        System.exit(commandLine(System.getenv(), Clock.systemUTC()).execute(args));
    }

    /** The whole command tree, reading the given environment and clock (tests pass their own). */
    static CommandLine commandLine(Map<String, String> env, Clock clock) {
        CommandLine commandLine = new CommandLine(new ReboundAdmin(env, clock));
        commandLine.registerConverter(Instant.class, text -> converted(() -> Times.instant(text, clock.instant())));
        commandLine.registerConverter(Duration.class, text -> converted(() -> Times.duration(text)));
        Failures failures = new Failures();
        commandLine.setExecutionExceptionHandler(failures);
        commandLine.setParameterExceptionHandler(failures);
        return commandLine;
    }

    Connection connection() {
        return Connection.resolve(url, user, password, env);
    }

    boolean json() {
        return json;
    }

    Clock clock() {
        return clock;
    }

    private static <T> T converted(java.util.function.Supplier<T> conversion) {
        try {
            return conversion.get();
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = ReboundAdmin.class.getPackage().getImplementationVersion();
            return new String[] {"rebound-admin " + (version == null ? "dev" : version)};
        }
    }
}
