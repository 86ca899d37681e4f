package io.rebound.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rebound.bench.stack.RetryMode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchConfigTest {

    static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("BENCH_GATEWAY_JAR", "gateway.jar");
        env.put("BENCH_WORKER_JAR", "worker.jar");
        env.put("BENCH_SIMULATOR_JAR", "simulator.jar");
        env.put("BENCH_STACK_CP", "classes");
        env.put("BENCH_DATA_DIR", "/tmp/bench-test");
        return env;
    }

    @Test
    void defaultsMeasureBothModesWhereTheyDifferAndTheDefaultModeElsewhere() {
        BenchConfig config = BenchConfig.fromEnv(env());

        assertThat(config.retryMode()).isEqualTo(RetryMode.NON_BLOCKING);
        assertThat(config.scaleMode()).isEqualTo(RetryMode.BLOCKING);
        assertThat(config.holSettings())
                .containsExactly(
                        new BenchConfig.HolSetting(RetryMode.BLOCKING, 3),
                        new BenchConfig.HolSetting(RetryMode.NON_BLOCKING, 3));
        assertThat(config.inFlight().modes()).containsExactly(RetryMode.NON_BLOCKING, RetryMode.BLOCKING);
        assertThat(config.inFlight().users()).isEqualTo(400);
        assertThat(config.inFlight().usersTwoWorkers()).isEqualTo(800);
        assertThat(config.inFlight().aiLatencyMs()).isEqualTo(2000);
        assertThat(config.fairness().flood()).isEqualTo(300);
        assertThat(config.phases()).contains("p7", "fairness", "p1", "profile");
    }

    @Test
    void phasesAndSettingsCanBeChosen() {
        Map<String, String> env = env();
        env.put("BENCH_PHASES", "p7, fairness");
        env.put("BENCH_P3_SETTINGS", "blocking:12,Non-Blocking:3");
        env.put("BENCH_P7_USERS", "100");
        env.put("BENCH_P7_MODES", "blocking");
        env.put("BENCH_RETRY_MODE", "blocking");

        BenchConfig config = BenchConfig.fromEnv(env);

        assertThat(config.phases()).containsExactlyInAnyOrder("p7", "fairness");
        assertThat(config.holSettings())
                .containsExactly(
                        new BenchConfig.HolSetting(RetryMode.BLOCKING, 12),
                        new BenchConfig.HolSetting(RetryMode.NON_BLOCKING, 3));
        assertThat(config.inFlight().usersTwoWorkers()).isEqualTo(200);
        assertThat(config.inFlight().modes()).isEqualTo(List.of(RetryMode.BLOCKING));
        assertThat(config.retryMode()).isEqualTo(RetryMode.BLOCKING);
        assertThat(config.holSettings().get(1).key()).isEqualTo("p3.nonblocking.c3");
    }

    @Test
    void aMisspeltPhaseOrModeIsAnErrorNotASilentlySkippedPhase() {
        Map<String, String> env = env();
        env.put("BENCH_PHASES", "p7,fairnes");
        assertThatThrownBy(() -> BenchConfig.fromEnv(env)).hasMessageContaining("fairnes");

        Map<String, String> mode = env();
        mode.put("BENCH_RETRY_MODE", "async");
        assertThatThrownBy(() -> BenchConfig.fromEnv(mode)).hasMessageContaining("async");
    }
}
