package dev.eddy.magics.internal.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.ChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.selection.Selection;

/**
 * The PNG of a chart, drawn headless with XChart, as base64 (Jupyter's image/png encoding). It follows the
 * Vega-Lite spec: the same short UTC time labels (at most {@link #MAX_X_LABELS} of them, so they never overlap),
 * integer ticks for whole numbers, stacked bars with a colour, one chart per facet value stacked vertically.
 */
final class PngChart {
    private static final int WIDTH = 560;
    private static final int HEIGHT = 300;
    /** Enough room for labels like "Jan 01 12:00" side by side across the width. */
    static final int MAX_X_LABELS = 8;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private PngChart() {}

    static String base64(ChartSpec s, Table t, String title) {
        try {
            if (s.facet() == null) {
                return Base64.getEncoder()
                        .encodeToString(BitmapEncoder.getBitmapBytes(
                                chart(s, t, title, HEIGHT), BitmapEncoder.BitmapFormat.PNG));
            }
            return Base64.getEncoder().encodeToString(facets(s, t, title));
        } catch (IOException e) {
            throw new IllegalStateException("could not encode the chart as PNG", e);
        }
    }

    static Chart<?, ?> chart(ChartSpec s, Table t, String title, int height) {
        return s.kind() == ChartSpec.Kind.BAR ? bar(s, t, title, height) : xy(s, t, title, height);
    }

    /** One chart per facet value (each with its own y scale), one under the other in one image. */
    private static byte[] facets(ChartSpec s, Table t, String title) throws IOException {
        List<String> values = Charts.distinct(t, s.facet(), Charts.rows(t, s.x()));
        List<BufferedImage> parts = new ArrayList<>();
        ChartSpec each = new ChartSpec(s.kind(), s.x(), s.y(), s.color(), null);
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            List<Integer> mine = new ArrayList<>();
            for (int r = 0; r < t.rowCount(); r++) {
                if (v.equals(t.column(s.facet()).getString(r))) {
                    mine.add(r);
                }
            }
            Table part = t.where(
                    Selection.with(mine.stream().mapToInt(Integer::intValue).toArray()));
            String heading = (i == 0 && title != null ? title + ": " : "") + v;
            Chart<?, ?> c = chart(each, part, heading, HEIGHT * 2 / 3);
            if (c instanceof XYChart xy) {
                xy.setYAxisTitle(s.y() + " (" + v + ")");
            }
            parts.add(BitmapEncoder.getBufferedImage(c));
        }
        int height = parts.stream().mapToInt(BufferedImage::getHeight).sum();
        BufferedImage all = new BufferedImage(WIDTH, Math.max(1, height), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        int y = 0;
        for (BufferedImage p : parts) {
            g.drawImage(p, 0, y, null);
            y += p.getHeight();
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(all, "png", out);
        return out.toByteArray();
    }

    /** A chart with no series yet: the PNG's width, the title, the spec's fields on the axes, a legend for a colour. */
    private static <C extends Chart<?, ?>> C empty(ChartBuilder<?, C> builder, ChartSpec s, String title, int height) {
        builder.width(WIDTH);
        builder.height(height);
        builder.title(title == null ? "" : title);
        C c = builder.build();
        c.setXAxisTitle(s.x());
        c.setYAxisTitle(s.y());
        c.getStyler().setLegendVisible(s.color() != null);
        return c;
    }

    private static XYChart xy(ChartSpec s, Table t, String title, int height) {
        XYChart c = empty(new XYChartBuilder(), s, title, height);
        Column<?> xc = t.column(s.x());
        Column<?> yc = t.column(s.y());
        boolean time = ChartData.axis(xc) == ChartData.Axis.TIME;
        boolean category = ChartData.axis(xc) == ChartData.Axis.CATEGORY;
        Map<String, List<Object>> xs = new LinkedHashMap<>();
        Map<String, List<Double>> ys = new LinkedHashMap<>();
        List<Integer> rows = Charts.rows(t, s.x());
        for (int i = 0; i < rows.size(); i++) {
            int r = rows.get(i);
            Double y = ChartData.number(yc, r);
            Double x = category ? Double.valueOf(i) : ChartData.number(xc, r);
            if (x == null || y == null) {
                continue;
            }
            String series = s.color() == null ? s.y() : t.column(s.color()).getString(r);
            xs.computeIfAbsent(series, k -> new ArrayList<>()).add(time ? new Date(x.longValue()) : x);
            ys.computeIfAbsent(series, k -> new ArrayList<>()).add(y);
        }
        XYSeries.XYSeriesRenderStyle style = switch (s.kind()) {
            case AREA -> XYSeries.XYSeriesRenderStyle.Area;
            case POINT -> XYSeries.XYSeriesRenderStyle.Scatter;
            default -> XYSeries.XYSeriesRenderStyle.Line;
        };
        c.getStyler().setDefaultSeriesRenderStyle(style);
        if (time) {
            // XChart's date axis picks round times for ticks; its labels in UTC (not the machine's zone), short
            TimeLabels labels = Charts.timeLabels(xc, rows);
            c.setXAxisTitle(s.x() + " (UTC)");
            c.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
            c.getStyler().setLocale(Locale.ROOT);
            c.getStyler().setDatePattern(labels.javaPattern);
        } else if (ChartData.isInteger(xc)) {
            c.getStyler().setxAxisTickLabelsFormattingFunction(PngChart::wholeOrBlank);
            c.getStyler().setXAxisMaxLabelCount(MAX_X_LABELS);
        }
        integerTicks(c.getStyler(), yc);
        xs.forEach((name, x) -> c.addSeries(name, x, ys.get(name)));
        if (xs.isEmpty()) {
            c.addSeries(s.y(), List.of(0.0), List.of(0.0)).setEnabled(false); // XChart draws no empty chart
        }
        return c;
    }

    private static CategoryChart bar(ChartSpec s, Table t, String title, int height) {
        CategoryChart c = empty(new CategoryChartBuilder(), s, title, height);
        c.getStyler().setStacked(s.color() != null); // as Vega-Lite stacks bars of a colour
        Column<?> xc = t.column(s.x());
        Column<?> yc = t.column(s.y());
        List<Integer> rows = Charts.rows(t, s.x());
        TimeLabels labels = ChartData.axis(xc) == ChartData.Axis.TIME ? Charts.timeLabels(xc, rows) : null;
        if (labels != null) {
            c.setXAxisTitle(s.x() + " (UTC)");
        }
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        List<String> categories = new ArrayList<>();
        for (int r : rows) {
            Double xt = labels == null ? null : ChartData.number(xc, r);
            String x = xt != null ? labels.format(xt.longValue()) : xc.getString(r);
            if (!categories.contains(x)) {
                categories.add(x);
            }
            Double y = ChartData.number(yc, r);
            String name = s.color() == null ? s.y() : t.column(s.color()).getString(r);
            series.computeIfAbsent(name, k -> new LinkedHashMap<>()).merge(x, y == null ? 0.0 : y, Double::sum);
        }
        integerTicks(c.getStyler(), yc);
        List<String> shown = labels != null ? thinned(categories) : categories;
        if (labels == null && categories.size() > MAX_X_LABELS) {
            c.getStyler().setXAxisLabelRotation(45); // names cannot be thinned out: each says which bar it is
        }
        series.forEach((name, byX) -> {
            List<Double> ys = new ArrayList<>();
            categories.forEach(x -> ys.add(byX.getOrDefault(x, 0.0)));
            c.addSeries(name, new ArrayList<>(shown), ys);
        });
        return c;
    }

    /**
     * Every k-th time label, so at most {@link #MAX_X_LABELS} show (fewer when they are long); the others become distinct blank labels (a
     * category axis needs distinct values). Times are in order, so the shown ones say where the others are.
     */
    static List<String> thinned(List<String> labels) {
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        // about 7 pixels a character and some space between, over the plot's ~400 pixels
        int max = Math.max(2, Math.min(MAX_X_LABELS, 400 / (longest * 7 + 16)));
        if (labels.size() <= max) {
            return labels;
        }
        int step = (labels.size() + max - 1) / max;
        List<String> out = new ArrayList<>(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            out.add(i % step == 0 ? labels.get(i) : blank(i));
        }
        return out;
    }

    /** A label of blanks only, different for every index: its binary digits as a space and a no-break space. */
    private static String blank(int i) {
        StringBuilder b = new StringBuilder(" ");
        for (int v = i; v > 0; v >>= 1) {
            b.append((v & 1) == 0 ? ' ' : '\u00a0');
        }
        return b.toString();
    }

    /** Whole numbers get only whole labels: a tick XChart puts at 0.5 stays unlabelled. */
    private static void integerTicks(AxesChartStyler styler, Column<?> y) {
        if (ChartData.isInteger(y)) {
            styler.setyAxisTickLabelsFormattingFunction(PngChart::wholeOrBlank);
        }
    }

    static String wholeOrBlank(Double v) {
        return v != null && v == Math.rint(v) ? Long.toString(v.longValue()) : "";
    }
}
