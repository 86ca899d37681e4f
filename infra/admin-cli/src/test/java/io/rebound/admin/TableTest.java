package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAsWideAsTheirWidestCellAndNumbersAlignRight() {
        String table = new Table(Table.right("COUNT"), Table.left("ERROR CODE", 30), Table.left("AGE", 10))
                .row(12, "AI_UNAVAILABLE", "3m ago")
                .row(1234567, "X", "2d ago")
                .render();

        assertThat(table).isEqualTo("""
                          COUNT  ERROR CODE      AGE
                             12  AI_UNAVAILABLE  3m ago
                        1234567  X               2d ago
                        """);
    }

    @Test
    void cutsOverlongCellsToTheColumnCapWithAnEllipsis() {
        String table = new Table(Table.left("ID", 5), Table.left("REASON", 10))
                .row("1", "InternalServerException: upstream said no")
                .render();

        assertThat(table.lines()).containsExactly("ID  REASON", "1   Interna...");
        assertThat(table.lines().mapToInt(String::length).max()).hasValue(14);
    }

    @Test
    void neverCutsAHeaderAndShowsMissingValuesAsDashes() {
        String table = new Table(Table.left("OPERATION TYPE", 4), Table.left("X", 4))
                .row(null, "  ")
                .render();

        assertThat(table.lines()).containsExactly("OPERATION TYPE  X", "-               -");
    }

    @Test
    void keepsEachRowOnOneLine() {
        String table = new Table(Table.left("REASON", 40))
                .row("line one\nline two\tend")
                .render();

        assertThat(table.lines()).containsExactly("REASON", "line one line two end");
    }

    @Test
    void truncatesToExactlyTheWidth() {
        assertThat(Table.truncate("abcdefghij", 10)).isEqualTo("abcdefghij");
        assertThat(Table.truncate("abcdefghijk", 10)).isEqualTo("abcdefg...");
        assertThat(Table.truncate("abcdef", 3)).isEqualTo("abc");
    }

    @Test
    void refusesARowWithTheWrongNumberOfCells() {
        assertThatThrownBy(() -> new Table(Table.left("A", 5)).row("1", "2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linesUpNameValueFieldsAndIndentsContinuationLines() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", "17");
        fields.put("exception_message", "first\nsecond");
        fields.put("key", null);

        assertThat(Table.fields(fields, "  ")).isEqualTo("""
                          id                 17
                          exception_message  first
                                             second
                          key                -
                        """);
    }
}
