package io.rebound.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void countsEstablishedConnectionsOnTheLocalPortOnly() {
        // 28090 is 0x6DBA; state 01 is ESTABLISHED, 0A is LISTEN.
        List<String> table = List.of(
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:6DBA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1",
                "   1: 0100007F:6DBA 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000     0        0 2",
                "   2: 0100007F:6DBA 0100007F:A1B3 01 00000000:00000000 00:00000000 00000000     0        0 3",
                "   3: 0100007F:A1B2 0100007F:6DBA 01 00000000:00000000 00:00000000 00000000     0        0 4",
                "   4: 0000000000000000FFFF00000100007F:6DBA 0000000000000000FFFF00000100007F:A1B4 01 0:0 0:0 0 0 0 5");

        assertThat(ProcFs.establishedConnections(table, 28090)).isEqualTo(3);
        assertThat(ProcFs.establishedConnections(table, 28091)).isZero();
    }
}
