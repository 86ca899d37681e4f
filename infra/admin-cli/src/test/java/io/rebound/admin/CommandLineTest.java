package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The command line as picocli reads it: options, defaults, conversions and usage errors, without any gateway. */
class CommandLineTest {

    private static final Instant NOW = Instant.parse("2025-03-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static <T> T parse(Class<T> command, String... args) {
        CommandLine commandLine = ReboundAdmin.commandLine(Map.of(), CLOCK);
        ParseResult result = commandLine.parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return command.cast(result.commandSpec().userObject());
    }

    private static ReboundAdmin root(AdminCommand command) {
        return command.root();
    }

    @Test
    void turnsRelativeSinceAndUntilIntoInstantsBeforeNow() {
        ListCommand list = parse(ListCommand.class, "dlt", "list", "--since", "1h", "--until", "30m");

        assertThat(list.filter.since).isEqualTo("2025-03-10T11:00:00Z");
        assertThat(list.filter.until).isEqualTo("2025-03-10T11:30:00Z");
        assertThat(list.filter.query()).containsEntry("since", Instant.parse("2025-03-10T11:00:00Z"));
    }

    @Test
    void listsOpenDeadLettersFiftyAtATimeByDefault() {
        ListCommand list = parse(ListCommand.class, "dlt", "list");

        assertThat(list.state).isEqualTo("open");
        assertThat(list.page).isZero();
        assertThat(list.size).isEqualTo(50);
        assertThat(list.filter.isEmpty()).isTrue();
    }

    @Test
    void acceptsGlobalOptionsBeforeOrAfterTheCommand() {
        ListCommand before = parse(
                ListCommand.class, "--url", "http://gw:1", "--user", "u", "--password", "p", "--json", "dlt", "list");
        ListCommand after = parse(
                ListCommand.class, "dlt", "list", "--url", "http://gw:1", "--user", "u", "--password", "p", "--json");

        for (ListCommand list : new ListCommand[] {before, after}) {
            assertThat(root(list).connection()).isEqualTo(new Connection("http://gw:1", "u", "p"));
            assertThat(list.json()).isTrue();
        }
    }

    @Test
    void redrivesAtTwentyPerSecondWithoutWaitingByDefault() {
        RedriveCommand redrive = parse(RedriveCommand.class, "dlt", "redrive", "--error-code", "AI_UNAVAILABLE");

        assertThat(redrive.rate).isEqualTo(20.0);
        assertThat(redrive.max).isNull();
        assertThat(redrive.dryRun).isFalse();
        assertThat(redrive.await).isFalse();
        assertThat(redrive.timeout).isEqualTo(Duration.ofMinutes(30));
        assertThat(redrive.filter.toJson().toString()).isEqualTo("{\"error_code\":\"AI_UNAVAILABLE\"}");
    }

    @Test
    void readsRepeatedAndCommaSeparatedIdsToDiscard() {
        DiscardCommand discard =
                parse(DiscardCommand.class, "dlt", "discard", "--id", "1,2", "--id", "3", "--reason", "noise");

        assertThat(discard.ids).containsExactly(1L, 2L, 3L);
        assertThat(discard.reason).isEqualTo("noise");
    }

    @Test
    void aBadDurationIsAUsageErrorThatNamesTheOption() {
        Cli cli = Cli.run(Map.of(), CLOCK, "dlt", "list", "--since", "yesterday");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--since").contains("'yesterday'").contains("dlt list --help");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void discardNeedsAReason() {
        Cli cli = Cli.run(Map.of(), CLOCK, "dlt", "discard", "--id", "1");

        assertThat(cli.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--reason");
    }

    @Test
    void discardNeedsIdsOrAFilterButNotBoth() {
        Cli neither = Cli.run(Map.of(), CLOCK, "dlt", "discard", "--reason", "noise");
        Cli both = Cli.run(Map.of(), CLOCK, "dlt", "discard", "--id", "1", "--error-code", "X", "--reason", "noise");

        assertThat(neither.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(neither.err()).contains("--id ID... or at least one filter");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("not both");
    }

    @Test
    void anUnknownCommandSuggestsTheClosestOne() {
        Cli cli = Cli.run("dlt", "lst");

        assertThat(cli.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("'lst'").contains("list");
    }

    @Test
    void aRemoteGatewayWithoutCredentialsIsAUsageError() {
        Cli cli = Cli.run(Map.of("REBOUND_URL", "https://rebound.example.com"), CLOCK, "dlt", "summary");

        assertThat(cli.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("REBOUND_USER");
    }

    @Test
    void helpDocumentsTheExitCodesOnEveryCommand() {
        for (String[] args : new String[][] {{"--help"}, {"dlt", "--help"}, {"dlt", "redrive", "--help"}}) {
            Cli cli = Cli.run(args);

            assertThat(cli.exitCode()).isZero();
            assertThat(cli.out())
                    .contains("Exit codes:")
                    .contains("3   not found")
                    .contains("4   authentication")
                    .contains("5   server or network error")
                    .contains("6   request rejected");
        }
    }

    @Test
    void theTopLevelHelpListsTheDeadLetterCommands() {
        Cli cli = Cli.run("dlt", "--help");

        assertThat(cli.out()).contains("summary", "list", "show", "redrive", "discard", "action");
    }
}
