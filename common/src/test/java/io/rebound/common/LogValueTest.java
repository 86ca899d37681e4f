package io.rebound.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValueTest {

    @Test
    void aKeyCannotForgeALogLineOrAKeyValuePair() {
        String key = "x\"\n2026-12-02T03:00:00Z  INFO operation failed operation_id=victim reason=\"spoofed";

        String logged = LogValue.of(key);

        assertThat(logged).doesNotContain("\n").doesNotContain("\r");
        assertThat(logged).startsWith("x\\\"\\n2026-12-02T03:00:00Z");
        assertThat(logged.replace("\\\"", "")).doesNotContain("\"");
    }

    @Test
    void invisibleAndControlCharactersAreShownAsEscapes() {
        assertThat(LogValue.of("a\tb\u0000c\u202ed\u2028e\\f")).isEqualTo("a\\tb\\u0000c\\u202ed\\u2028e\\\\f");
    }

    @Test
    void aLongValueIsCutWithItsLengthNamed() {
        String logged = LogValue.of("é".repeat(5_000));

        assertThat(logged)
                .hasSize(LogValue.MAX_CHARS + "…(5000 chars)".length())
                .endsWith("…(5000 chars)");
    }

    @Test
    void ordinaryTextAndNullStayReadable() {
        assertThat(LogValue.of("7f1c2a4e-0b9d-4c55-9a1e-0d6f3b2c1a00"))
                .isEqualTo("7f1c2a4e-0b9d-4c55-9a1e-0d6f3b2c1a00");
        assertThat(LogValue.of("Quel âge ? 日本語 😀")).isEqualTo("Quel âge ? 日本語 😀");
        assertThat(LogValue.of(null)).isEqualTo("null");
    }
}
