package dev.eddy.sql.diff;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.streaming.api.data.IntervalFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Query answers in one comparable form: per column a kind (INTEGRAL, FRACTIONAL, STRING, BOOLEAN, TIMESTAMP,
 * DATE) and per row values as Long, Double, String, Boolean (timestamps as epoch micros, dates as ISO text);
 * compared with doubles equal to 1e-12 relative (the last ulp or better where both compute the same way).
 */
final class Answers {
    enum Kind {
        INTEGRAL,
        FRACTIONAL,
        STRING,
        BOOLEAN,
        TIMESTAMP,
        DATE,
        /** Spark's NULL type (an all-NULL coalesce): Tablesaw has none, so any Eddy column of NULLs matches it. */
        VOID,
        /** An ANSI interval, compared as Spark's text of it ({@code INTERVAL '3' DAY}: its fields and its value). */
        INTERVAL,
        OTHER
    }

    /** A successful answer, or an error (kinds and rows null). */
    record Answer(List<Kind> kinds, List<List<Object>> rows, String error) {
        boolean failed() {
            return error != null;
        }
    }

    private Answers() {}

    static Answer error(String message) {
        return new Answer(null, null, message == null ? "error" : message);
    }

    static Kind sparkKind(String sqlType) {
        String t = sqlType.toUpperCase(Locale.ROOT);
        if (t.equals("INT") || t.equals("BIGINT") || t.equals("SMALLINT") || t.equals("TINYINT")) return Kind.INTEGRAL;
        if (t.equals("DOUBLE") || t.equals("FLOAT") || t.startsWith("DECIMAL")) return Kind.FRACTIONAL;
        if (t.equals("STRING") || t.startsWith("VARCHAR") || t.startsWith("CHAR")) return Kind.STRING;
        if (t.equals("BOOLEAN")) return Kind.BOOLEAN;
        if (t.startsWith("TIMESTAMP")) return Kind.TIMESTAMP;
        if (t.equals("DATE")) return Kind.DATE;
        if (t.equals("VOID")) return Kind.VOID;
        if (t.startsWith("INTERVAL")) return Kind.INTERVAL;
        return Kind.OTHER;
    }

    /** Spark's answer (the driver's JSON) in comparable form. */
    static Answer ofSpark(JsonNode a) {
        if (!a.get("ok").asBoolean()) {
            return error(a.get("error").asText());
        }
        List<Kind> kinds = new ArrayList<>();
        a.get("types").forEach(t -> kinds.add(sparkKind(t.asText())));
        List<String> types = new ArrayList<>();
        a.get("types").forEach(t -> types.add(t.asText()));
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode r : a.get("rows")) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                JsonNode v = r.get(i);
                row.add(
                        kinds.get(i) == Kind.INTERVAL && v != null && !v.isNull()
                                ? intervalFields(types.get(i)).format(v.asLong())
                                : sparkValue(v, kinds.get(i)));
            }
            rows.add(row);
        }
        return new Answer(kinds, rows, null);
    }

    static Object sparkValue(JsonNode v, Kind kind) {
        if (v == null || v.isNull()) return null;
        switch (kind) {
            case INTEGRAL:
                return v.asLong();
            case FRACTIONAL:
                return v.isTextual() && v.asText().equals("NaN")
                        ? Double.NaN
                        : v.isTextual()
                                ? new BigDecimal(v.asText().replace("Infinity", "1e400")).doubleValue()
                                : v.asDouble();
            case BOOLEAN:
                return v.asBoolean();
            case TIMESTAMP:
                return v.asLong();
            case DATE:
                return LocalDate.ofEpochDay(v.asLong()).toString();
            default:
                return v.isTextual() ? v.asText() : v.toString();
        }
    }

    /** The fields of Spark's interval type name ({@code INTERVAL DAY TO SECOND}). */
    static IntervalFields intervalFields(String sqlType) {
        String[] words = sqlType.toUpperCase(Locale.ROOT).split(" ");
        return IntervalFields.of(
                IntervalFields.Unit.valueOf(words[1]), IntervalFields.Unit.valueOf(words[words.length - 1]));
    }

    /** True for a result column of intervals: a LongColumn that prints Spark's text of an interval. */
    static boolean isInterval(Column<?> c) {
        for (int r = 0; r < c.size(); r++) {
            if (!c.isMissing(r)) {
                return c instanceof LongColumn && c.getString(r).startsWith("INTERVAL '");
            }
        }
        return false;
    }

    /** Eddy's batch answer (a Tablesaw table) in comparable form. */
    static Answer ofEddy(Table t) {
        List<Kind> kinds = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            kinds.add(
                    isInterval(c)
                            ? Kind.INTERVAL
                            : c instanceof IntColumn || c instanceof LongColumn
                                    ? Kind.INTEGRAL
                                    : c instanceof DoubleColumn
                                            ? Kind.FRACTIONAL
                                            : c instanceof BooleanColumn
                                                    ? Kind.BOOLEAN
                                                    : c instanceof DateTimeColumn || c.type() == ColumnType.INSTANT
                                                            ? Kind.TIMESTAMP
                                                            : c instanceof DateColumn
                                                                            || c.type() == ColumnType.LOCAL_DATE
                                                                    ? Kind.DATE
                                                                    : Kind.STRING);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (int r = 0; r < t.rowCount(); r++) {
            List<Object> row = new ArrayList<>();
            for (int i = 0; i < kinds.size(); i++) {
                Column<?> c = t.column(i);
                row.add(c.isMissing(r) ? null : kinds.get(i) == Kind.INTERVAL ? c.getString(r) : eddyValue(c.get(r)));
            }
            rows.add(row);
        }
        return new Answer(kinds, rows, null);
    }

    static Object eddyValue(Object v) {
        if (v instanceof Integer i) return i.longValue();
        if (v instanceof Long l) return l;
        if (v instanceof Double d) return d;
        if (v instanceof Boolean b) return b;
        if (v instanceof LocalDateTime t) {
            Instant i = t.toInstant(ZoneOffset.UTC);
            return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        }
        if (v instanceof Instant i) return i.getEpochSecond() * 1_000_000L + i.getNano() / 1000;
        return v.toString();
    }

    /**
     * Why {@code eddy} differs from {@code spark}, or null when they agree. Both failing agree (the messages
     * differ by design); {@code ordered} compares row order too; {@code approx} columns hold Spark's HLL++ estimate
     * in {@code spark} and an exact distinct count in {@code eddy}, which agree within {@link #estimateError}
     * (unordered rows are then matched by their other columns).
     */
    static String difference(Answer spark, Answer eddy, boolean ordered, List<Boolean> approx) {
        if (spark.failed() || eddy.failed()) {
            if (spark.failed() && eddy.failed()) return null;
            return spark.failed()
                    ? "Spark raises an error, Eddy answers: Spark said " + clip(spark.error())
                    : "Eddy fails where Spark answers: " + clip(eddy.error());
        }
        if (spark.kinds().size() != eddy.kinds().size()) {
            return "column count: Spark " + spark.kinds().size() + ", Eddy "
                    + eddy.kinds().size();
        }
        for (int i = 0; i < spark.kinds().size(); i++) {
            int column = i;
            if ((spark.kinds().get(i) == Kind.VOID || spark.kinds().get(i) == Kind.INTERVAL)
                    && eddy.rows().stream().allMatch(row -> row.get(column) == null)) {
                // no value tells an interval column (or Spark's NULL type) from another
                continue;
            }
            if (spark.kinds().get(i) != eddy.kinds().get(i)) {
                return "type of column " + (i + 1) + ": Spark " + spark.kinds().get(i) + ", Eddy "
                        + eddy.kinds().get(i);
            }
        }
        if (spark.rows().size() != eddy.rows().size()) {
            return "row count: Spark " + spark.rows().size() + ", Eddy "
                    + eddy.rows().size();
        }
        List<List<Object>> s = new ArrayList<>(spark.rows());
        List<List<Object>> e = new ArrayList<>(eddy.rows());
        if (!ordered) {
            Comparator<List<Object>> byText = Comparator.comparing((List<Object> row) -> sortKey(row, approx))
                    .thenComparing(row -> sortKey(row, null));
            s.sort(byText);
            e.sort(byText);
        }
        for (int r = 0; r < s.size(); r++) {
            for (int c = 0; c < s.get(r).size(); c++) {
                Object sv = s.get(r).get(c);
                Object ev = e.get(r).get(c);
                boolean same = (approx != null && c < approx.size() && approx.get(c)
                        ? withinEstimateError(sv, ev)
                        : equal(sv, ev));
                if (!same) {
                    return "value in row " + (r + 1) + " column " + (c + 1) + ": Spark " + show(sv) + ", Eddy "
                            + show(ev);
                }
            }
        }
        return null;
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            if (x.equals(y) || x.isNaN() && y.isNaN()) return true;
            // an infinity is no number's neighbour (|Infinity - 1.5E308| <= 1e-12 * Infinity held)
            if (x.isInfinite() || y.isInfinite()) return false;
            return Math.abs(x - y) <= 1e-12 * Math.max(Math.abs(x), Math.abs(y));
        }
        return Objects.equals(a, b);
    }

    /**
     * Whether Spark's estimate lies within its error of the exact count: four standard errors (approx_count_distinct's
     * default relative standard deviation is 5%) and one for rounding. Below a few hundred values Spark's HLL++
     * counts by linear counting over 512 registers, where two values sharing a register are one; seed 1212's 17
     * distinct square roots were estimated as 15 (exact COUNT(DISTINCT) 17 in both), seed 31's 12 as 11.
     */
    static boolean withinEstimateError(Object estimate, Object exact) {
        if (estimate instanceof Number x && exact instanceof Number y) {
            return Math.abs(x.doubleValue() - y.doubleValue()) <= 4 * 0.05 * Math.abs(y.doubleValue()) + 1;
        }
        return Objects.equals(estimate, exact);
    }

    /** Rows sort by their text with numbers rounded, so 1e-12 differences do not reorder them; {@code skip}ped columns left out. */
    private static String sortKey(List<Object> row, List<Boolean> skip) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < row.size(); c++) {
            if (skip != null && c < skip.size() && skip.get(c)) {
                continue; // an estimate, which need not equal the count it is matched with
            }
            Object v = row.get(c);
            b.append(v instanceof Double d ? String.format(Locale.ROOT, "%.9g", d) : String.valueOf(v))
                    .append('\u0001');
        }
        return b.toString();
    }

    static String show(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    static String clip(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
