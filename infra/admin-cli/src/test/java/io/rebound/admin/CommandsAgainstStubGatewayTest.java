package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each command over real HTTP against a canned gateway: what it asks, what it prints, how it exits. */
class CommandsAgainstStubGatewayTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-10T12:00:00Z"), ZoneOffset.UTC);
    private static final String DEAD_LETTERS = "/api/v1/admin/dead-letters";

    private final StubGateway gateway = new StubGateway();

    @AfterEach
    void stop() {
        gateway.close();
    }

    private Cli run(String... args) {
        return Cli.run(Map.of("REBOUND_URL", gateway.url()), CLOCK, args);
    }

    @Test
    void signsInAsTheDemoSreOnLocalhostAndSendsTheFilterAsQueryParameters() {
        gateway.json("GET " + DEAD_LETTERS, 200, "{\"items\":[],\"page\":0,\"size\":50,\"total\":0}");

        Cli cli = run("dlt", "list", "--error-code", "AI_UNAVAILABLE", "--since", "2h", "--size", "5");

        assertThat(cli.exitCode()).as(cli.toString()).isZero();
        assertThat(cli.out()).contains("No open dead letters match.");
        StubGateway.Request request = gateway.requests.get(0);
        assertThat(request.pathAndQuery())
                .isEqualTo(DEAD_LETTERS + "?error_code=AI_UNAVAILABLE&since=2025-03-10T10%3A00%3A00Z"
                        + "&state=open&page=0&size=5");
        assertThat(request.authorization())
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString("sre@example.com:rebound".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void listsDeadLettersAsATableWithAgesShortIdsAndTruncatedReasons() {
        gateway.json("GET " + DEAD_LETTERS, 200, """
                {"items":[{"id":7,"dead_lettered_at":"2025-03-10T11:57:00Z","error_code":"AI_UNAVAILABLE",
                "operation_type":"question_generation","operation_id":"0b0e6d1c-1111-2222-3333-444455556666",
                "state":"open","reason":"%s"}],"page":0,"size":1,"total":3}
                """.formatted("x".repeat(100)));

        Cli cli = run("dlt", "list", "--size", "1");

        assertThat(cli.out().lines())
                .containsSubsequence(
                        "ID  AGE  ERROR CODE      TYPE                 OPERATION  STATE  REASON",
                        " 7  3m   AI_UNAVAILABLE  question_generation  0b0e6d1c   open   " + "x".repeat(57) + "...",
                        "Showing 1-1 of 3; next page: --page 1");
    }

    @Test
    void summarisesGroupsWithSimpleClassNamesAndAges() {
        gateway.json("GET " + DEAD_LETTERS + "/summary", 200, """
                {"total":4,"groups":[{"error_code":"AI_RATE_LIMITED","exception_class":"com.example.TooManyException",
                "operation_type":"question_generation","count":4,"oldest":"2025-03-08T12:00:00Z",
                "newest":"2025-03-10T11:59:30Z"}]}
                """);

        Cli cli = run("dlt", "summary");

        assertThat(cli.out())
                .contains("4 open dead letters in 1 group")
                .contains("COUNT  ERROR CODE       EXCEPTION         OPERATION TYPE       OLDEST  NEWEST")
                .contains("    4  AI_RATE_LIMITED  TooManyException  question_generation  2d ago  30s ago");
        assertThat(gateway.requests.get(0).pathAndQuery()).isEqualTo(DEAD_LETTERS + "/summary?state=open");
    }

    @Test
    void jsonPrintsTheApisAnswerUntouched() {
        gateway.json("GET " + DEAD_LETTERS + "/summary", 200, "{\"total\":0,\"groups\":[]}");

        Cli cli = run("dlt", "summary", "--json");

        assertThat(Json.parse(cli.out())).isEqualTo(Json.parse("{\"total\":0,\"groups\":[]}"));
    }

    @Test
    void showsEveryFieldTheHeadersAndThePrettyPayload() {
        gateway.json("GET " + DEAD_LETTERS + "/9", 200, """
                {"dead_letter":{"id":9,"topic":"operations.requested-dlt","error_code":"AI_UNAVAILABLE",
                "dead_lettered_at":"2025-03-10T11:00:00Z","redrive_operation_id":null},
                "key":"k-1","exception_message":"boom","headers":{"rebound_reason":"503","b":"2"},
                "payload":"{\\"operation_type\\":\\"question_generation\\"}"}
                """);

        Cli cli = run("dlt", "show", "9");

        assertThat(cli.out())
                .contains("  topic                 operations.requested-dlt")
                .contains("  dead_lettered_at      2025-03-10T11:00:00Z (1h ago)")
                .contains("  redrive_operation_id  -")
                .contains("  exception_message     boom")
                .contains("Headers\n  b               2\n  rebound_reason  503")
                .contains("\"operation_type\" : \"question_generation\"");
    }

    @Test
    void aDryRunPrintsThePlan() {
        gateway.json("POST " + DEAD_LETTERS + "/redrive", 200, """
                {"audit_id":5,"dry_run":true,"matched":4,"outcomes":{"would_redrive":3,"no_operation":1},
                "rate_per_second":20.0}
                """);

        Cli cli = run("dlt", "redrive", "--exception-class", "Boom", "--max", "10", "--dry-run");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("Dry run (audit 5), nothing changed: 4 open dead letters matching exception_class=Boom.")
                .contains("would_redrive      3")
                .contains("A redrive would create 3 new operations at 20/s");
        assertThat(Json.parse(gateway.requests.get(0).body()))
                .isEqualTo(Json.parse("{\"filter\":{\"exception_class\":\"Boom\"},\"dry_run\":true,"
                        + "\"max_records\":10,\"rate_per_second\":20.0}"));
    }

    @Test
    void aFilteredDiscardWithoutYesOnlyShowsWhatItWouldDiscard() {
        gateway.json("GET " + DEAD_LETTERS, 200, """
                {"items":[{"id":1,"error_code":"X","state":"open"}],"page":0,"size":10,"total":1}
                """);

        Cli cli = run("dlt", "discard", "--error-code", "X", "--reason", "noise");

        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out())
                .contains("1 open dead letter matching error_code=X; nothing was discarded.")
                .contains("run the same command with --yes");
        assertThat(gateway.requests).extracting(StubGateway.Request::method).containsOnly("GET");
    }

    @Test
    void discardsByIdAtOnce() {
        gateway.json("POST " + DEAD_LETTERS + "/discard", 200, "{\"audit_id\":3,\"matched\":2,\"discarded\":1}");

        Cli cli = run("dlt", "discard", "--id", "4,5", "--reason", "load test");

        assertThat(cli.out()).contains("Discarded 1 of 2 dead letters (audit 3); the others were not open any more");
        assertThat(Json.parse(gateway.requests.get(0).body()))
                .isEqualTo(Json.parse("{\"ids\":[4,5],\"reason\":\"load test\"}"));
    }

    @Test
    void aWaitedRedriveWithFailedRecordsReportsThemAndExitsWithFive() {
        gateway.json("POST " + DEAD_LETTERS + "/redrive", 202, """
                {"audit_id":8,"dry_run":false,"matched":5,"outcomes":{},"rate_per_second":20.0}
                """);
        gateway.json("GET " + DEAD_LETTERS + "/actions/8", 200, """
                {"id":8,"action":"REDRIVE","matched":5,"affected":3,"detail":"{\\"skipped\\":{\\"error\\":2}}",
                "created_at":"2025-03-10T11:59:58Z","finished_at":"2025-03-10T11:59:59Z"}
                """);

        Cli cli = run("dlt", "redrive", "--wait", "--poll", "10ms");

        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(ExitCodes.SERVER);
        assertThat(cli.out())
                .contains("Redrive 8 started: 5 open dead letters at 20/s")
                .contains("redriven 3/5, skipped {error=2}");
        assertThat(cli.err()).contains("2 dead letters could not be redriven");
    }

    @Test
    void showsAnActionStillRunning() {
        gateway.json("GET " + DEAD_LETTERS + "/actions/8", 200, """
                {"id":8,"actor":"sre@example.com","action":"REDRIVE","filter":"{\\"error_code\\": \\"X\\"}",
                "dry_run":false,"matched":5,"affected":1,"detail":"{\\"skipped\\":{}}",
                "created_at":"2025-03-10T11:59:00Z","finished_at":null}
                """);

        Cli cli = run("dlt", "action", "8");

        assertThat(cli.out())
                .contains("  action    REDRIVE")
                .contains("  filter    {\"error_code\": \"X\"}")
                .contains("  progress  redriven 1/5, skipped {}")
                .contains("  started   1m ago")
                .contains("  finished  not yet (running)");
    }

    @ParameterizedTest(name = "HTTP {0} exits with {1}")
    @CsvSource({"404, 3", "401, 4", "403, 4", "400, 6", "409, 6", "500, 5", "503, 5"})
    void printsTheProblemDetailToStderrAndExitsWithTheMappedCode(int status, int exitCode) {
        gateway.problem("GET " + DEAD_LETTERS + "/1", status, "SOME_CODE", "what went wrong");

        Cli cli = run("dlt", "show", "1");

        assertThat(cli.exitCode()).isEqualTo(exitCode);
        assertThat(cli.err()).startsWith("error: what went wrong [HTTP " + status + " SOME_CODE]");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void anAnswerThatIsNotAProblemStillGetsADetail() {
        gateway.json("GET " + DEAD_LETTERS + "/summary", 502, "<html>bad gateway</html>");

        Cli cli = run("dlt", "summary");

        assertThat(cli.exitCode()).isEqualTo(ExitCodes.SERVER);
        assertThat(cli.err()).contains("GET " + DEAD_LETTERS + "/summary answered HTTP 502");
    }

    @Test
    void anUnreachableGatewayExitsWithFive() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }

        Cli cli = Cli.run(Map.of(), CLOCK, "--url", "http://127.0.0.1:" + freePort, "dlt", "summary");

        assertThat(cli.exitCode()).isEqualTo(ExitCodes.SERVER);
        assertThat(cli.err()).contains("cannot reach http://127.0.0.1:" + freePort);
    }
}
