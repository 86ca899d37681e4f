package io.rebound.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * A bar chart drawn with Java2D: groups along the x axis, one bar per series in each group (or the series stacked),
 * each run of the bar's median as a dot, the median written on the bar, and goals as dashed red lines.
 */
final class BarChart {

    private static final int WIDTH = 960;
    private static final int HEIGHT = 540;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 100;
    private static final Color[] PALETTE = {
        new Color(0x2f6db5), new Color(0xf28e2b), new Color(0x59a14f), new Color(0xb07aa1),
        new Color(0x9c755f), new Color(0x76b7b2), new Color(0xedc948), new Color(0xbab0ac)
    };
    private static final Color GOAL = new Color(0xd62728);

    private record Goal(double value, String label) {}

    private final String title;
    private final String yLabel;
    private final Set<String> groups = new LinkedHashSet<>();
    private final Set<String> series = new LinkedHashSet<>();
    private final Map<String, Double> values = new LinkedHashMap<>();
    private final Map<String, List<Double>> runs = new LinkedHashMap<>();
    private final Map<String, Goal> goals = new LinkedHashMap<>();
    private Goal reference;
    private boolean stacked;

    BarChart(String title, String yLabel) {
        this.title = title;
        this.yLabel = yLabel;
    }

    BarChart bar(String group, String serie, double median, List<Double> runValues) {
        groups.add(group);
        series.add(serie);
        values.put(group + "\u0000" + serie, median);
        runs.put(group + "\u0000" + serie, runValues);
        return this;
    }

    /** A dashed line over one group's bars. */
    BarChart goal(String group, double value, String label) {
        goals.put(group, new Goal(value, label));
        return this;
    }

    /** A dashed line across the whole chart, labelled at its right end. */
    BarChart reference(double value, String label) {
        reference = new Goal(value, label);
        return this;
    }

    BarChart stacked() {
        stacked = true;
        return this;
    }

    void write(Path file) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            double max = Ticks.top(maxValue());
            drawAxes(g, max);
            drawBars(g, max);
            if (reference != null) {
                drawGoal(g, reference, LEFT, WIDTH - RIGHT, y(reference.value(), max));
            }
            drawLegend(g);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, LEFT, 32);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private double maxValue() {
        double max = 0;
        for (String group : groups) {
            double sum = 0;
            for (String serie : series) {
                double v = value(group, serie);
                if (!Double.isNaN(v)) {
                    sum += v;
                    max = Math.max(max, v);
                }
                for (double run : runs.getOrDefault(group + "\u0000" + serie, List.of())) {
                    if (!Double.isNaN(run) && !stacked) {
                        max = Math.max(max, run);
                    }
                }
            }
            if (stacked) {
                max = Math.max(max, sum);
            }
            Goal goal = goals.get(group);
            if (goal != null) {
                max = Math.max(max, goal.value());
            }
        }
        if (reference != null) {
            max = Math.max(max, reference.value());
        }
        return max <= 0 ? 1 : max * 1.12;
    }

    private int y(double value, double max) {
        return (int) Math.round(HEIGHT - BOTTOM - value / max * (HEIGHT - BOTTOM - TOP));
    }

    private void drawAxes(Graphics2D g, double max) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        double step = Ticks.step(max);
        for (double tick = 0; tick <= max + step / 2; tick += step) {
            int y = y(tick, max);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            String label = Format.num(tick);
            g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + 5);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(HEIGHT - BOTTOM + TOP) / 2 - metrics.stringWidth(yLabel) / 2, 22);
        g.setTransform(saved);
        int groupWidth = (WIDTH - LEFT - RIGHT) / Math.max(1, groups.size());
        int i = 0;
        for (String group : groups) {
            int center = LEFT + groupWidth * i++ + groupWidth / 2;
            int line = 0;
            for (String text : wrap(group, Math.max(12, groupWidth / 8))) {
                g.drawString(text, center - metrics.stringWidth(text) / 2, HEIGHT - BOTTOM + 20 + 16 * line++);
            }
        }
    }

    private void drawBars(Graphics2D g, double max) {
        int groupWidth = (WIDTH - LEFT - RIGHT) / Math.max(1, groups.size());
        int barArea = (int) (groupWidth * (stacked ? 0.45 : 0.75));
        int barWidth = stacked ? barArea : barArea / Math.max(1, series.size());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int i = 0;
        for (String group : groups) {
            int left = LEFT + groupWidth * i++ + (groupWidth - barArea) / 2;
            double base = 0;
            int s = 0;
            for (String serie : series) {
                double v = value(group, serie);
                int x = stacked ? left : left + barWidth * s;
                Color color = PALETTE[s++ % PALETTE.length];
                if (Double.isNaN(v)) {
                    continue;
                }
                int top = y(base + v, max);
                int bottom = y(base, max);
                g.setColor(color);
                g.fillRect(x + 2, top, barWidth - 4, Math.max(1, bottom - top));
                if (stacked) {
                    base += v;
                    continue;
                }
                drawRuns(g, group, serie, x, barWidth, max);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                String label = Format.num(v);
                g.drawString(label, x + barWidth / 2 - metrics.stringWidth(label) / 2, top - 5);
            }
            if (stacked) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                String label = Format.num(base);
                g.drawString(label, left + barArea / 2 - metrics.stringWidth(label) / 2, y(base, max) - 5);
            }
            Goal goal = goals.get(group);
            if (goal != null) {
                drawGoal(g, goal, left - 6, left + barArea + 6, y(goal.value(), max));
            }
        }
    }

    private void drawRuns(Graphics2D g, String group, String serie, int x, int barWidth, double max) {
        List<Double> values = runs.getOrDefault(group + "\u0000" + serie, List.of());
        if (values.size() < 2) {
            return;
        }
        g.setColor(new Color(0x222222));
        for (int r = 0; r < values.size(); r++) {
            if (Double.isNaN(values.get(r))) {
                continue;
            }
            int cx = x + barWidth / 2 + (r - (values.size() - 1) / 2) * Math.max(4, barWidth / 8);
            g.fillOval(cx - 3, y(values.get(r), max) - 3, 6, 6);
        }
    }

    /** The line, and its label in a white box under the line's right end so bar labels above stay readable. */
    private static void drawGoal(Graphics2D g, Goal goal, int from, int to, int y) {
        g.setColor(GOAL);
        g.setStroke(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
        g.drawLine(from, y, to, y);
        g.setStroke(new BasicStroke(1f));
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 11));
        FontMetrics metrics = g.getFontMetrics();
        int width = metrics.stringWidth(goal.label());
        int x = Math.max(LEFT + 2, to - width - 2);
        g.setColor(new Color(255, 255, 255, 220));
        g.fillRect(x - 2, y + 3, width + 4, metrics.getHeight());
        g.setColor(GOAL);
        g.drawString(goal.label(), x, y + 3 + metrics.getAscent());
    }

    private void drawLegend(Graphics2D g) {
        if (series.size() < 2) {
            return;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics metrics = g.getFontMetrics();
        int x = WIDTH - RIGHT;
        List<String> names = new ArrayList<>(series);
        for (int s = names.size() - 1; s >= 0; s--) {
            x -= metrics.stringWidth(names.get(s)) + 34;
        }
        int y = 48;
        for (int s = 0; s < names.size(); s++) {
            g.setColor(PALETTE[s % PALETTE.length]);
            g.fillRect(x, y - 11, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(names.get(s), x + 18, y);
            x += metrics.stringWidth(names.get(s)) + 34;
        }
    }

    private double value(String group, String serie) {
        return values.getOrDefault(group + "\u0000" + serie, Double.NaN);
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + word.length() + 1 > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
