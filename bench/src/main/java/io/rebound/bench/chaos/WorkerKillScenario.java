package io.rebound.bench.chaos;

/** SIGKILL of the only worker mid-load, restarted. */
final class WorkerKillScenario extends Scenario {

    WorkerKillScenario(Stage stage) {
        super(stage);
    }

    @Override
    String name() {
        return "worker-kill";
    }

    @Override
    Outcome run() throws Exception {
        Trial trial = trial("worker-kill", "Worker killed with SIGKILL mid-load, restarted")
                .startLoad();
        trial.at(at(0.3));
        stack.killWorker(0);
        trial.mark("ai-worker-1 killed (SIGKILL) with records in flight");
        trial.at(at(0.3) + 3);
        stack.startWorker(0);
        trial.mark("ai-worker-1 started again and healthy");
        trial.awaitLoad();
        Outcome outcome = trial.settle(
                ledger,
                SETTLE,
                "SIGKILL of the only worker at " + pct(0.3) + " of the load; restarted 3 s later",
                true);
        return outcome;
    }
}
