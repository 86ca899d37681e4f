package io.rebound.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {

    @ParameterizedTest(name = "HTTP {0} exits with {1}")
    @CsvSource({
        "200, 0", "202, 0", "204, 0", "404, 3", "401, 4", "403, 4", "500, 5", "502, 5", "503, 5", "429, 5", "0, 5",
        "302, 5", "400, 6", "409, 6", "405, 6", "415, 6", "422, 6"
    })
    void mapsHttpStatusesToDocumentedExitCodes(int status, int exitCode) {
        assertThat(ExitCodes.forStatus(status)).isEqualTo(exitCode);
    }
}
