package io.rebound.admin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table for a terminal: each column as wide as its widest cell up to its cap, overlong cells cut with
 * "...", two spaces between columns, numbers right-aligned. Plain ASCII, so it survives any terminal and {@code grep}.
 */
final class Table {

    static final String ELLIPSIS = "...";
    private static final String GAP = "  ";

    /** A column: its header, its widest cell before cutting, and whether it lines up on the right (numbers). */
    record Column(String header, int maxWidth, boolean rightAligned) {

        Column {
            if (maxWidth < ELLIPSIS.length() + 1) {
                throw new IllegalArgumentException(
                        "a column must allow at least " + (ELLIPSIS.length() + 1) + " chars");
            }
        }
    }

    private final List<Column> columns;
    private final List<String[]> rows = new ArrayList<>();

    Table(Column... columns) {
        this.columns = List.of(columns);
    }

    static Column left(String header, int maxWidth) {
        return new Column(header, maxWidth, false);
    }

    static Column right(String header) {
        return new Column(header, 20, true);
    }

    /** Adds a row; null cells show as "-", line breaks and tabs as spaces. */
    Table row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(
                    "expected " + columns.size() + " cells but got " + cells.length + ": " + Arrays.toString(cells));
        }
        rows.add(Arrays.stream(cells).map(Table::cell).toArray(String[]::new));
        return this;
    }

    String render() {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < widths.length; i++) {
            int widest = columns.get(i).header().length();
            for (String[] row : rows) {
                widest = Math.max(widest, row[i].length());
            }
            widths[i] = Math.min(
                    widest,
                    Math.max(columns.get(i).maxWidth(), columns.get(i).header().length()));
        }
        StringBuilder out = new StringBuilder();
        line(out, columns.stream().map(Column::header).toArray(String[]::new), widths);
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String text = truncate(cells[i], widths[i]);
            String padding = " ".repeat(widths[i] - text.length());
            line.append(i == 0 ? "" : GAP);
            line.append(columns.get(i).rightAligned() ? padding + text : text + padding);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** The text cut to {@code width} characters, ending in "..." when it was cut. */
    static String truncate(String text, int width) {
        if (text.length() <= width) {
            return text;
        }
        if (width <= ELLIPSIS.length()) {
            return text.substring(0, width);
        }
        return text.substring(0, width - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** Name-value lines with the values lined up, continuation lines of multi-line values indented to match. */
    static String fields(Map<String, String> fields, String indent) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder out = new StringBuilder();
        fields.forEach((name, value) -> {
            String text = value == null ? "-" : value;
            String continuation = "\n" + indent + " ".repeat(width + GAP.length());
            out.append(indent)
                    .append(name)
                    .append(" ".repeat(width - name.length()))
                    .append(GAP)
                    .append(text.stripTrailing().replace("\r\n", "\n").replace("\n", continuation))
                    .append('\n');
        });
        return out.toString();
    }

    private static String cell(Object value) {
        String text = value == null
                ? ""
                : value.toString().replaceAll("[\\r\\n\\t]+", " ").strip();
        return text.isEmpty() ? "-" : text;
    }
}
