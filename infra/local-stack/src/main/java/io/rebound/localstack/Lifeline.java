package io.rebound.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ties a launcher and what it started to the process that started it, so that a run ended hard (its script killed,
 * its terminal closed) leaves no broker or database behind: the launcher stops when its parent is gone, and it writes
 * a pid file next to its data directory so that the next start can stop whatever an earlier run still left running.
 */
final class Lifeline {

    private Lifeline() {}

    /**
     * Stops this JVM (running its shutdown hooks) as soon as the process that started it is gone. A launcher started by
     * init (parent pid 1) has no parent to follow.
     */
    static void exitWithParent(String name) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty() || parent.get().pid() <= 1) {
            return;
        }
        long parentPid = parent.get().pid();
        Thread watch = new Thread(
                () -> {
                    while (isParent(parentPid)) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    log(name + ": the process that started it (pid " + parentPid + ") is gone; stopping");
                    System.exit(0);
                },
                name + "-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    private static boolean isParent(long pid) {
        return ProcessHandle.current()
                .parent()
                .filter(p -> p.pid() == pid && p.isAlive())
                .isPresent();
    }

    /** {@code <data dir>.pid}: {@code .data/postgres} has {@code .data/postgres.pid}. */
    static Path pidFile(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        return absolute.resolveSibling(absolute.getFileName() + ".pid");
    }

    /** Writes this launcher's pid, its parent's and any {@code extra} ones ({@code key=pid} lines). */
    static void writePidFile(Path file, Map<String, Long> extra) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("launcher", ProcessHandle.current().pid());
        pids.put(
                "parent",
                ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(0L));
        pids.putAll(extra);
        StringBuilder text = new StringBuilder();
        pids.forEach((key, pid) -> text.append(key).append('=').append(pid).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static Map<String, Long> readPidFile(Path file) {
        Map<String, Long> pids = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    try {
                        pids.put(
                                line.substring(0, eq).trim(),
                                Long.parseLong(line.substring(eq + 1).trim()));
                    } catch (NumberFormatException e) {
                        // a line we did not write: ignore it
                    }
                }
            }
        } catch (IOException e) {
            // no pid file (or unreadable): nothing to clean up
        }
        return pids;
    }

    /** Deletes the pid file if it is still this launcher's (a later start may have replaced it). */
    static void deletePidFile(Path file) {
        if (readPidFile(file).getOrDefault("launcher", -1L)
                == ProcessHandle.current().pid()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale pid file is harmless: the next start checks every pid in it
            }
        }
    }

    /**
     * Stops the launcher recorded in {@code pids} if it is still alive but the process that started it is gone (an
     * orphan); fails if it still belongs to a running parent, as two launchers cannot share one data directory.
     */
    static void stopOrphanLauncher(String what, Path pidFile, Map<String, Long> pids, String launcherClass) {
        Optional<ProcessHandle> launcher =
                alive(pids.get("launcher")).filter(p -> commandLine(p).contains(launcherClass));
        if (launcher.isEmpty()) {
            return;
        }
        long parentPid = pids.getOrDefault("parent", 0L);
        boolean parentAlive = parentPid > 1
                && launcher.get().parent().map(ProcessHandle::pid).orElse(0L) == parentPid
                && alive(parentPid).isPresent();
        if (parentAlive) {
            throw new IllegalStateException(what + " of another run is still running (launcher pid "
                    + launcher.get().pid() + ", started by pid " + parentPid + ", see " + pidFile
                    + "); stop that run first");
        }
        log("found the " + what + " launcher of an earlier run still running (pid "
                + launcher.get().pid() + ", the process that started it is gone; from " + pidFile + "); stopping it");
        launcher.get().destroy();
        if (!awaitExit(launcher.get(), 30)) {
            log("the " + what + " launcher (pid " + launcher.get().pid() + ") did not stop within 30 s; killing it");
            launcher.get().destroyForcibly();
            awaitExit(launcher.get(), 10);
        }
    }

    /** SIGINT first (PostgreSQL's fast shutdown, for instance), SIGKILL if it is still there after the grace. */
    static void interruptThenKill(ProcessHandle process, int graceSeconds) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!awaitExit(process, graceSeconds)) {
            log("pid " + process.pid() + " did not stop within " + graceSeconds + " s; killing it");
            process.destroyForcibly();
            awaitExit(process, 10);
        }
    }

    static Optional<ProcessHandle> alive(Long pid) {
        if (pid == null || pid <= 1 || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    /**
     * The whole command line: {@code /proc/<pid>/cmdline} where there is one ({@link ProcessHandle.Info#commandLine()}
     * stops after the first few kB, before the main class of a JVM with a long class path), else what the JDK knows.
     */
    static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
            if (raw.length > 0) {
                return new String(raw, StandardCharsets.UTF_8)
                        .replace('\0', ' ')
                        .trim();
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return process.info().commandLine().orElse("");
    }

    static boolean awaitExit(ProcessHandle process, int seconds) {
        CompletableFuture<ProcessHandle> exit = process.onExit();
        try {
            exit.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static void log(String message) {
        System.out.println("[local-stack] " + message);
        System.out.flush();
    }
}
