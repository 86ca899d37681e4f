package io.rebound.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarChartTest {

    @Test
    void writesAPngWithGroupsSeriesRunsAndGoals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");

        new BarChart("title", "ms")
                .bar("a group", "p50", 10, List.of(9.0, 10.0, 12.0))
                .bar("a group", "p99", 40, List.of(35.0, 40.0, 60.0))
                .bar("another group", "p50", Double.NaN, List.of())
                .goal("a group", 50, "goal")
                .write(file);

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(540);
    }
}
