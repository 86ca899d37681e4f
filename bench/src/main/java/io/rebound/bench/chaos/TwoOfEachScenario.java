package io.rebound.bench.chaos;

/** Two gateways and two workers; one of each killed with SIGKILL. */
final class TwoOfEachScenario extends Scenario {

    TwoOfEachScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "two-of-each";
    }

    @Override
    Outcome run() throws Exception {
        stack.startGateway(1);
        stack.startWorker(1);
        Trial trial = trial("two-of-each", "Two gateways and two workers, one of each killed")
                .startLoad();
        trial.at(at(0.3));
        stack.killGateway(1);
        trial.mark("api-gateway-2 killed (SIGKILL); the load balancer sends new requests to api-gateway-1");
        stack.killWorker(1);
        trial.mark("ai-worker-2 killed (SIGKILL); its partitions move to ai-worker-1");
        trial.awaitLoad();
        return trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of one gateway and one worker at " + pct(0.3) + " of the load; not restarted",
                true);
    }
}
