package dev.eddy.magics.internal.chart;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Vega-Lite v5 spec as a Map tree with the rows inline. Times go out as ISO-8601 strings (UTC) on a UTC temporal
 * axis with short labels ({@link TimeLabels}); bars over times are ordinal bands with the same labels; whole numbers
 * go out as JSON integers with integer ticks; batch ids are ordinal. Bars and areas with a colour are stacked, as the
 * PNG draws them. A facet column gives one chart per value with independent y scales.
 */
final class VegaLite {
    static final String SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";
    static final int WIDTH = 480;
    static final int HEIGHT = 240;
    /** ISO-8601 in UTC, always with milliseconds: the same width for every time, so text order is time order. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private VegaLite() {}

    static Map<String, Object> spec(ChartSpec s, Table t, String title) {
        List<Integer> rows = Charts.rows(t, s.x());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("$schema", SCHEMA);
        if (title != null) {
            spec.put("title", title);
        }
        spec.put("data", Map.of("values", values(s, t, rows)));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("width", WIDTH);
        view.put("height", s.facet() == null ? HEIGHT : HEIGHT / 2);
        Map<String, Object> mark = new LinkedHashMap<>();
        mark.put("type", s.kind().mark());
        mark.put("tooltip", true);
        if (s.kind() == ChartSpec.Kind.LINE) {
            mark.put("point", rows.size() <= 60); // single values of a sparse line stay visible
        }
        boolean overlaidAreas = s.kind() == ChartSpec.Kind.AREA && s.color() != null;
        if (overlaidAreas) {
            mark.put("opacity", 0.5); // overlaid, not stacked: the PNG draws areas the same way
        }
        view.put("mark", mark);
        Map<String, Object> enc = new LinkedHashMap<>();
        enc.put("x", x(s, t.column(s.x()), rows));
        Map<String, Object> y = y(t.column(s.y()));
        if (overlaidAreas) {
            y.put("stack", null);
        }
        enc.put("y", y);
        if (s.color() != null) {
            enc.put("color", Map.of("field", s.color(), "type", "nominal"));
        }
        view.put("encoding", enc);
        if (s.facet() == null) {
            spec.putAll(view);
        } else {
            spec.put("facet", Map.of("row", Map.of("field", s.facet(), "type", "nominal", "title", s.facet())));
            spec.put("spec", view);
            spec.put("resolve", Map.of("scale", Map.of("y", "independent")));
        }
        return spec;
    }

    private static Map<String, Object> x(ChartSpec s, Column<?> c, List<Integer> rows) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("field", c.name());
        Map<String, Object> axis = new LinkedHashMap<>();
        switch (ChartData.axis(c)) {
            case TIME -> {
                TimeLabels labels = Charts.timeLabels(c, rows);
                f.put("title", c.name() + " (UTC)");
                axis.put("format", labels.d3);
                axis.put("labelOverlap", true);
                if (s.kind() == ChartSpec.Kind.BAR) {
                    // one band per window, labelled with its time, not a thin bar on a continuous axis
                    f.put("type", "ordinal");
                    axis.put("labelAngle", 0);
                    if (labels.millis()) {
                        // no time unit keeps milliseconds: order by the ISO text (fixed width), label with the time
                        axis.remove("format");
                        axis.put("labelExpr", "utcFormat(toDate(datum.value), '" + labels.d3 + "')");
                    } else {
                        f.put("timeUnit", "utcyearmonthdatehoursminutesseconds");
                    }
                } else {
                    f.put("type", "temporal");
                    f.put("scale", Map.of("type", "utc"));
                }
            }
            case NUMBER -> {
                if (ChartData.isBatchId(c)) {
                    f.put("type", "ordinal");
                    axis.put("labelAngle", 0);
                    axis.put("labelOverlap", true);
                } else {
                    f.put("type", "quantitative");
                    integerTicks(c, axis);
                }
            }
            case CATEGORY -> f.put("type", "nominal");
        }
        if (!axis.isEmpty()) {
            f.put("axis", axis);
        }
        return f;
    }

    private static Map<String, Object> y(Column<?> c) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("field", c.name());
        f.put("type", ChartData.axis(c) == ChartData.Axis.NUMBER ? "quantitative" : "nominal");
        Map<String, Object> axis = new LinkedHashMap<>();
        integerTicks(c, axis);
        if (!axis.isEmpty()) {
            f.put("axis", axis);
        }
        return f;
    }

    private static void integerTicks(Column<?> c, Map<String, Object> axis) {
        if (ChartData.isInteger(c)) {
            axis.put("tickMinStep", 1);
            axis.put("format", "d");
        }
    }

    private static List<Map<String, Object>> values(ChartSpec s, Table t, List<Integer> rows) {
        List<String> cols = new ArrayList<>(List.of(s.x(), s.y()));
        for (String extra : new String[] {s.color(), s.facet()}) {
            if (extra != null && !cols.contains(extra)) {
                cols.add(extra);
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int r : rows) {
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
            case TIME -> ISO.format(Instant.ofEpochMilli(ChartData.number(c, r).longValue()));
            case NUMBER -> ChartData.isInteger(c) ? (Object) ((Number) c.get(r)).longValue() : ChartData.number(c, r);
            case CATEGORY -> c.getString(r);
        };
    }
}
