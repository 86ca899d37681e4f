package io.rebound.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** What Linux tells about processes: CPU time and resident memory from {@code /proc}. */
public final class ProcFs {

    private static final Path PROC = Path.of("/proc");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ, 100 on every mainstream Linux

    private ProcFs() {}

    /** Resident set size in bytes, from {@code VmRSS} of {@code /proc/<pid>/status}; 0 if the process is gone. */
    public static long rssBytes(long pid) {
        for (String line : lines(PROC.resolve(pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }

    /**
     * CPU seconds used by the process (all threads) plus its waited-for children, plus the live children themselves
     * when {@code withChildren}: PostgreSQL runs one process per connection under its postmaster.
     */
    public static double cpuSeconds(long pid, boolean withChildren) {
        long[] stat = stat(pid);
        if (stat.length == 0) {
            return 0;
        }
        long ticks = stat[StatField.UTIME] + stat[StatField.STIME] + stat[StatField.CUTIME] + stat[StatField.CSTIME];
        if (withChildren) {
            for (long child : children(pid)) {
                long[] childStat = stat(child);
                if (childStat.length > 0) {
                    ticks += childStat[StatField.UTIME] + childStat[StatField.STIME];
                }
            }
        }
        return ticks / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** Busy and total CPU seconds of the whole machine, from the first line of {@code /proc/stat}. */
    public static double[] machineCpuSeconds() {
        String[] fields = lines(PROC.resolve("stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
        return new double[] {(total - idle) / (double) CLOCK_TICKS_PER_SECOND, total / (double) CLOCK_TICKS_PER_SECOND};
    }

    /** The first process whose command line contains every one of the given parts. */
    public static OptionalLong findProcess(String... parts) {
        for (long pid : allPids()) {
            String cmdline = cmdline(pid);
            boolean all = !cmdline.isEmpty();
            for (String part : parts) {
                all &= cmdline.contains(part);
            }
            if (all) {
                return OptionalLong.of(pid);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * TCP connections in state ESTABLISHED whose local port is {@code port}, from {@code /proc/net/tcp} and
     * {@code tcp6}: for a server on this machine, the connections its clients hold open to it right now.
     */
    public static int establishedConnections(int port) {
        int count = 0;
        for (String table : List.of("net/tcp", "net/tcp6")) {
            count += establishedConnections(lines(PROC.resolve(table)), port);
        }
        return count;
    }

    /** Counts the rows of a {@code /proc/net/tcp}-format table with local port {@code port} and state 01. */
    static int establishedConnections(List<String> rows, int port) {
        int count = 0;
        for (String row : rows) {
            String[] fields = row.trim().split("\\s+");
            if (fields.length < 4 || !fields[0].endsWith(":")) {
                continue; // the header
            }
            String local = fields[1];
            int colon = local.lastIndexOf(':');
            if (colon > 0 && Integer.parseInt(local.substring(colon + 1), 16) == port && fields[3].equals("01")) {
                count++;
            }
        }
        return count;
    }

    public static String cpuModel() {
        return lines(PROC.resolve("cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown CPU");
    }

    public static long memTotalBytes() {
        return lines(PROC.resolve("meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024)
                .findFirst()
                .orElse(0);
    }

    static List<Long> children(long parent) {
        List<Long> children = new ArrayList<>();
        for (long pid : allPids()) {
            long[] stat = stat(pid);
            if (stat.length > 0 && stat[StatField.PPID] == parent) {
                children.add(pid);
            }
        }
        return children;
    }

    private static List<Long> allPids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(
                PROC, entry -> entry.getFileName().toString().chars().allMatch(Character::isDigit))) {
            dirs.forEach(dir -> pids.add(Long.parseLong(dir.getFileName().toString())));
        } catch (IOException e) {
            // no /proc: nothing to report
        }
        return pids;
    }

    private static String cmdline(long pid) {
        try {
            return new String(Files.readAllBytes(PROC.resolve(pid + "/cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The numeric fields of {@code /proc/<pid>/stat} after the command name (which may contain spaces and is in
     * parentheses), indexed as in proc(5) minus 3: state is field 3, so index 0 is the state's successor, ppid.
     */
    private static long[] stat(long pid) {
        List<String> lines = lines(PROC.resolve(pid + "/stat"));
        if (lines.isEmpty()) {
            return new long[0];
        }
        String line = lines.get(0);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        long[] values = new long[fields.length - 1];
        for (int i = 1; i < fields.length; i++) {
            try {
                values[i - 1] = Long.parseLong(fields[i]);
            } catch (NumberFormatException e) {
                values[i - 1] = 0;
            }
        }
        return values;
    }

    /** Indexes into {@link #stat}: proc(5) field number minus 4. */
    private static final class StatField {
        static final int PPID = 0; // field 4
        static final int UTIME = 10; // field 14
        static final int STIME = 11; // field 15
        static final int CUTIME = 12; // field 16
        static final int CSTIME = 13; // field 17
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
