package io.rebound.bench.measure;

import io.rebound.bench.stack.ProcFs;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU used per process over an interval, in cores (CPU seconds per wall second), plus the whole machine's busy cores,
 * so that the share taken by anything outside the bench (other builds on a shared machine) is visible.
 */
public final class CpuMeter {

    public static final String MACHINE = "machine (all processes)";
    public static final String OTHER = "other processes";

    private final Map<String, Long> pids;
    private final Map<String, Double> startCpu = new LinkedHashMap<>();
    private final long startNanos;
    private final double startMachineBusy;

    private CpuMeter(Map<String, Long> pids, String postgresName) {
        this.pids = pids;
        pids.forEach((name, pid) -> startCpu.put(name, ProcFs.cpuSeconds(pid, name.equals(postgresName))));
        startMachineBusy = ProcFs.machineCpuSeconds()[0];
        startNanos = System.nanoTime();
    }

    /** Starts measuring the named processes; the one named {@code postgres} is counted with its children. */
    public static CpuMeter start(Map<String, Long> pids) {
        return new CpuMeter(pids, "postgres");
    }

    /** Cores used by each process since start, then the machine's busy cores and what the others used. */
    public Map<String, Double> stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Double> cores = new LinkedHashMap<>();
        double ours = 0;
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            double used = ProcFs.cpuSeconds(entry.getValue(), entry.getKey().equals("postgres"))
                    - startCpu.get(entry.getKey());
            cores.put(entry.getKey(), used / seconds);
            ours += used / seconds;
        }
        double machine = (ProcFs.machineCpuSeconds()[0] - startMachineBusy) / seconds;
        cores.put(OTHER, Math.max(0, machine - ours));
        cores.put(MACHINE, machine);
        return cores;
    }
}
