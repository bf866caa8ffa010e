package dev.eddy.magics.internal.chart;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The PNG of a chart, drawn headless with XChart, as base64 (Jupyter's image/png encoding). */
final class PngChart {
  private static final int WIDTH = 560;
  private static final int HEIGHT = 300;

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private PngChart() {}

  static String base64(ChartSpec s, Table t, String title) {
    Chart<?, ?> chart = s.kind() == ChartSpec.Kind.BAR ? bar(s, t, title) : xy(s, t, title);
    try {
      return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new IllegalStateException("could not encode the chart as PNG", e);
    }
  }

  private static XYChart xy(ChartSpec s, Table t, String title) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
        .xAxisTitle(s.x()).yAxisTitle(s.y()).build();
    c.getStyler().setLegendVisible(s.color() != null);
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
      c.getStyler().setDatePattern("HH:mm:ss");
    }
    xs.forEach((name, x) -> c.addSeries(name, x, ys.get(name)));
    return c;
  }

  private static CategoryChart bar(ChartSpec s, Table t, String title) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title == null ? "" : title)
        .xAxisTitle(s.x()).yAxisTitle(s.y()).build();
    c.getStyler().setLegendVisible(s.color() != null);
    Column<?> xc = t.column(s.x());
    Column<?> yc = t.column(s.y());
    Map<String, Map<String, Double>> series = new LinkedHashMap<>();
    List<String> categories = new ArrayList<>();
    for (int r : Charts.rows(t, s.x())) {
      String x = xc.getString(r);
      if (!categories.contains(x)) {
        categories.add(x);
      }
      Double y = ChartData.number(yc, r);
      String name = s.color() == null ? s.y() : t.column(s.color()).getString(r);
      series.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(x, y == null ? 0.0 : y);
    }
    series.forEach((name, byX) -> {
      List<Double> ys = new ArrayList<>();
      categories.forEach(x -> ys.add(byX.getOrDefault(x, 0.0)));
      c.addSeries(name, new ArrayList<>(categories), ys);
    });
    return c;
  }
}
