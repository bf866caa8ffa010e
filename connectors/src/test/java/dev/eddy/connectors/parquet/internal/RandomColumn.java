package dev.eddy.connectors.parquet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * One column of a random flat Parquet schema for the decoders' differential tests: its Parquet type (every type Eddy
 * reads), a value generator, the value Eddy should read for a written one, and DuckDB's expression for the column with
 * the value it gives.
 */
record RandomColumn(
        Type type,
        Function<Random, Object> gen,
        Function<Object, Object> eddy,
        String duckExpr,
        Function<Object, Object> duck) {

    /**
     * A random column named {@code name}: nullable (and then null at {@code nullRate}) or not, of low cardinality
     * (values from a few dozen, so chunks hold dictionary pages) or high (edge values among random ones).
     */
    static RandomColumn of(Random rnd, String name, double nullRate, boolean lowCardinality) {
        Type.Repetition rep = nullRate > 0 || rnd.nextInt(4) == 0 ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        if (rep == Type.Repetition.REQUIRED) {
            nullRate = 0;
        }
        double nr = nullRate;
        int card = lowCardinality ? 1 + rnd.nextInt(40) : Integer.MAX_VALUE;
        String q = "\"" + name + "\"";
        int pick = rnd.nextInt(14);
        Function<Random, Object> base;
        Type t;
        Function<Object, Object> eddy = v -> v;
        String duck = "CAST(" + q + " AS BIGINT)";
        Function<Object, Object> duckValue = null; // what DuckDB's expression gives for a written value: as Eddy
        switch (pick) {
            case 0, 1 -> {
                t = Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
                base = r -> pickLong(r, card);
            }
            case 2 -> {
                t = Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.intType(64, true))
                        .named(name);
                base = r -> pickLong(r, card);
            }
            case 3, 4 -> {
                t = Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
                base = r -> (int) pickLong(r, card);
            }
            case 5 -> {
                int bits = rnd.nextBoolean() ? 8 : 16;
                t = Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(bits, true))
                        .named(name);
                base = r -> (int) (pickLong(r, card) >> (64 - bits));
            }
            case 6 -> {
                t = Types.primitive(PrimitiveTypeName.INT32, rep)
                        .as(LogicalTypeAnnotation.intType(32, false))
                        .named(name);
                base = r -> (int) pickLong(r, card);
                eddy = v -> Integer.toUnsignedLong((Integer) v);
            }
            case 7 -> {
                t = Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
                base = r -> pickDouble(r, card);
                duck = "CAST(" + q + " AS DOUBLE)";
            }
            case 8 -> {
                t = Types.primitive(PrimitiveTypeName.FLOAT, rep).named(name);
                base = r -> (float) pickDouble(r, card);
                eddy = v -> (double) (Float) v;
                duck = "CAST(" + q + " AS DOUBLE)";
            }
            case 9 -> {
                t = Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
                boolean skew = rnd.nextBoolean();
                base = r -> skew ? r.nextInt(10) == 0 : r.nextBoolean();
                duck = q;
            }
            case 10, 11 -> {
                t = Types.primitive(PrimitiveTypeName.BINARY, rep)
                        .as(LogicalTypeAnnotation.stringType())
                        .named(name);
                base = r -> pickString(r, card);
                duck = q;
            }
            default -> {
                TimeUnit unit = TimeUnit.values()[rnd.nextInt(3)];
                boolean utc = rnd.nextBoolean();
                t = Types.primitive(PrimitiveTypeName.INT64, rep)
                        .as(LogicalTypeAnnotation.timestampType(utc, unit))
                        .named(name);
                long range = unit == TimeUnit.NANOS ? 1L << 62 : unit == TimeUnit.MICROS ? 1L << 55 : 1L << 45;
                base = r -> card == Integer.MAX_VALUE
                        ? r.nextLong(-range, range)
                        : (r.nextInt(card) - card / 2) * (range / 64) + r.nextInt(3);
                eddy = switch (unit) {
                    case MILLIS -> v -> (Long) v * 1000;
                    case MICROS -> v -> v;
                    case NANOS -> v -> Math.floorDiv((Long) v, 1000);
                };
                duck = unit == TimeUnit.NANOS ? "epoch_ns(" + q + ")" : "epoch_us(" + q + ")";
                if (unit == TimeUnit.NANOS) {
                    // DuckDB keeps a local TIMESTAMP_NS whole; a UTC one it reads as micros rounded toward zero,
                    // where Eddy rounds down (as it always did): compare DuckDB with its own rounding
                    duckValue = utc ? v -> (Long) v / 1000 * 1000 : v -> v;
                }
            }
        }
        Function<Random, Object> b = base;
        Function<Object, Object> e = eddy;
        Function<Object, Object> dv = duckValue != null ? duckValue : eddy;
        return new RandomColumn(
                t,
                r -> nr > 0 && r.nextDouble() < nr ? null : b.apply(r),
                v -> v == null ? null : e.apply(v),
                duck,
                v -> v == null ? null : dv.apply(v));
    }

    private static long pickLong(Random r, int card) {
        if (card == Integer.MAX_VALUE) {
            return switch (r.nextInt(8)) {
                case 0 -> Long.MIN_VALUE + r.nextInt(3);
                case 1 -> Long.MAX_VALUE - r.nextInt(3);
                case 2 -> r.nextInt(1000) - 500;
                default -> r.nextLong();
            };
        }
        return (r.nextInt(card) - card / 2) * 0x9E3779B97F4A7C15L;
    }

    private static double pickDouble(Random r, int card) {
        if (card == Integer.MAX_VALUE) {
            return switch (r.nextInt(10)) {
                case 0 -> -0.0;
                case 1 -> Double.MAX_VALUE;
                case 2 -> Double.MIN_VALUE;
                case 3 -> Double.NEGATIVE_INFINITY;
                default -> r.nextGaussian() * 1e6;
            };
        }
        return (r.nextInt(card) - card / 2) * 0.25;
    }

    private static String pickString(Random r, int card) {
        if (card != Integer.MAX_VALUE) {
            return "v" + r.nextInt(card) + (r.nextInt(card + 1) == 0 ? "é" : "");
        }
        int len = r.nextInt(6) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 8 : 120);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int k = r.nextInt(20);
            sb.append(k == 0 ? 'ü' : k == 1 ? '€' : k == 2 ? "😀" : String.valueOf((char) ('a' + r.nextInt(26))));
        }
        return sb.toString();
    }

    /** The message type of {@code cols}, in order. */
    static MessageType schema(List<RandomColumn> cols) {
        return new MessageType("m", cols.stream().map(RandomColumn::type).toList());
    }

    /** The value each column reads (by {@code reading}: {@link #eddy} or {@link #duck}) for each written row. */
    static List<List<Object>> values(
            List<RandomColumn> cols, List<Object[]> data, Function<RandomColumn, Function<Object, Object>> reading) {
        List<List<Object>> out = new ArrayList<>(data.size());
        for (Object[] row : data) {
            List<Object> values = new ArrayList<>(cols.size());
            for (int c = 0; c < cols.size(); c++) {
                values.add(reading.apply(cols.get(c)).apply(row[c]));
            }
            out.add(values);
        }
        return out;
    }

    /** {@code n} random rows of {@code cols}, a value per column in order, row by row. */
    static List<Object[]> rows(List<RandomColumn> cols, int n, Random rnd) {
        List<Object[]> data = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            Object[] row = new Object[cols.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = cols.get(c).gen().apply(rnd);
            }
            data.add(row);
        }
        return data;
    }
}
