package dev.eddy.magics.internal.chart;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A Vega-Lite v5 spec as a Map tree with the rows inline (times as ISO-8601 strings, UTC). */
final class VegaLite {
  private VegaLite() {}

  static Map<String, Object> spec(ChartSpec s, Table t, String title) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
    if (title != null) {
      spec.put("title", title);
    }
    spec.put("width", 480);
    spec.put("height", 240);
    spec.put("data", Map.of("values", values(s, t)));
    spec.put("mark", Map.of("type", s.kind().mark(), "tooltip", true));
    Map<String, Object> enc = new LinkedHashMap<>();
    enc.put("x", field(s.x(), t.column(s.x())));
    enc.put("y", field(s.y(), t.column(s.y())));
    if (s.color() != null) {
      enc.put("color", field(s.color(), t.column(s.color())));
    }
    spec.put("encoding", enc);
    return spec;
  }

  private static Map<String, Object> field(String name, Column<?> c) {
    String type = switch (ChartData.axis(c)) {
      case TIME -> "temporal";
      case NUMBER -> "quantitative";
      case CATEGORY -> "nominal";
    };
    return Map.of("field", name, "type", type);
  }

  private static List<Map<String, Object>> values(ChartSpec s, Table t) {
    List<String> cols = new ArrayList<>(List.of(s.x(), s.y()));
    if (s.color() != null) {
      cols.add(s.color());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (int r : Charts.rows(t, s.x())) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String name : cols) {
        row.put(name, value(t.column(name), r));
      }
      out.add(row);
    }
    return out;
  }

  private static Object value(Column<?> c, int r) {
    if (c.isMissing(r)) {
      return null;
    }
    return switch (ChartData.axis(c)) {
      case TIME -> Instant.ofEpochMilli(ChartData.number(c, r).longValue()).toString();
      case NUMBER -> ChartData.number(c, r);
      case CATEGORY -> c.getString(r);
    };
  }
}
