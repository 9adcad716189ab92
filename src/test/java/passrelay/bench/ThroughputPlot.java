package passrelay.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Events/s against simulator latency, one line per series, as a PNG drawn with Java2D (no plotting library). */
final class ThroughputPlot {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 170;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;
    private static final List<Color> COLORS = List.of(new Color(0x1f77b4), new Color(0xd62728), new Color(0x7f7f7f));

    /** A line: its name and its points (latency in ms to events/s), in latency order. */
    record Series(String name, Map<Integer, Double> points) {
    }

    private ThroughputPlot() {
    }

    static void write(Path file, String title, List<Integer> latencies, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double max = series.stream().flatMap(s -> s.points().values().stream()).mapToDouble(Double::doubleValue)
                .max().orElse(1);
        double top = niceCeiling(max);
        axes(g, title, latencies, top);
        for (int i = 0; i < series.size(); i++) {
            line(g, series.get(i), latencies, top, COLORS.get(i % COLORS.size()), i);
        }
        g.dispose();
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private static void axes(Graphics2D g, String title, List<Integer> latencies, double top) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, LEFT, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        for (int tick = 0; tick <= 5; tick++) {
            double value = top * tick / 5;
            int y = y(value, top);
            g.setColor(new Color(0xdddddd));
            g.drawLine(LEFT + 1, y, WIDTH - RIGHT, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", value), LEFT - 50, y + 4);
        }
        for (int i = 0; i < latencies.size(); i++) {
            g.drawString(latencies.get(i) + " ms", x(i, latencies.size()) - 14, HEIGHT - BOTTOM + 20);
        }
        g.drawString("simulator latency", (LEFT + WIDTH - RIGHT) / 2 - 50, HEIGHT - 15);
        g.rotate(-Math.PI / 2);
        g.drawString("events/s", -(TOP + HEIGHT - BOTTOM) / 2 - 25, 20);
        g.rotate(Math.PI / 2);
    }

    private static void line(Graphics2D g, Series series, List<Integer> latencies, double top, Color color, int index) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < latencies.size(); i++) {
            Double value = series.points().get(latencies.get(i));
            if (value == null) {
                continue;
            }
            int px = x(i, latencies.size());
            int py = y(value, top);
            g.fillOval(px - 4, py - 4, 8, 8);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, px, py);
            }
            previousX = px;
            previousY = py;
        }
        int legendY = TOP + 10 + index * 22;
        g.drawLine(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 40, legendY);
        g.setColor(Color.BLACK);
        g.drawString(series.name(), WIDTH - RIGHT + 48, legendY + 4);
    }

    private static int x(int index, int count) {
        int span = WIDTH - RIGHT - LEFT - 60;
        return LEFT + 30 + (count == 1 ? span / 2 : span * index / (count - 1));
    }

    private static int y(double value, double top) {
        return HEIGHT - BOTTOM - (int) Math.round((HEIGHT - BOTTOM - TOP) * value / top);
    }

    private static double niceCeiling(double max) {
        double step = Math.pow(10, Math.floor(Math.log10(Math.max(1, max))));
        return Math.ceil(max / step) * step;
    }
}
