package dev.eddy.connectors.parquet.internal;

import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Partition columns recovered from Hive-style directory names, as Spark does: the names from the directories
 * ({@code a=1/b=x/}), the types inferred over every file's values (INT, then LONG, DOUBLE, TIMESTAMP, else STRING;
 * a date such as 2024-05-01 stays a STRING, Eddy having no DATE type), {@code __HIVE_DEFAULT_PARTITION__} as null.
 */
public final class PartitionColumns {
    private PartitionColumns() {}

    /** The {@code name -> raw value} pairs in a file's relative path ({@code a=1/b=x/part-0.parquet}), in order. */
    public static Map<String, String> values(String relativeFile) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] parts = relativeFile.replace('\\', '/').split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            int eq = parts[i].indexOf('=');
            if (eq > 0) {
                out.put(
                        PartitionPaths.unescape(parts[i].substring(0, eq)),
                        PartitionPaths.unescape(parts[i].substring(eq + 1)));
            }
        }
        return out;
    }

    /** The partition fields of a set of files; every file must name the same columns in the same order. */
    public static List<Field> infer(List<String> relativeFiles) {
        if (relativeFiles.isEmpty()) {
            return List.of();
        }
        List<String> names = new ArrayList<>(values(relativeFiles.get(0)).keySet());
        DataType[] types = new DataType[names.size()];
        Arrays.fill(types, DataType.INT);
        for (String f : relativeFiles) {
            Map<String, String> v = values(f);
            if (!new ArrayList<>(v.keySet()).equals(names)) {
                throw new IllegalArgumentException("partition directories differ: " + relativeFiles.get(0) + " has "
                        + names + ", " + f + " has " + v.keySet());
            }
            for (int i = 0; i < names.size(); i++) {
                types[i] = widen(types[i], v.get(names.get(i)));
            }
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            fields.add(Field.of(names.get(i), types[i]));
        }
        return fields;
    }

    private static DataType widen(DataType current, String raw) {
        if (raw.equals(PartitionPaths.DEFAULT_PARTITION)) {
            return current;
        }
        DataType t = current;
        while (!fits(t, raw)) {
            t = switch (t) {
                case INT -> DataType.LONG;
                case LONG -> DataType.DOUBLE;
                case DOUBLE -> DataType.TIMESTAMP;
                default -> DataType.STRING;
            };
        }
        return t;
    }

    private static boolean fits(DataType t, String raw) {
        try {
            switch (t) {
                case INT -> Integer.parseInt(raw);
                case LONG -> Long.parseLong(raw);
                case DOUBLE -> {
                    if (!raw.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity")) {
                        return false;
                    }
                }
                case TIMESTAMP -> PartitionPaths.parseTimestamp(raw);
                case STRING -> {
                    return true;
                }
                default -> {
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** A column of {@code n} copies of a partition value, parsed as {@code field}'s type. */
    public static Column constant(Field field, String raw, int n, String file) {
        boolean isNull = raw == null || raw.equals(PartitionPaths.DEFAULT_PARTITION);
        long[] nulls = null;
        if (isNull) {
            nulls = new long[(n + 63) >>> 6];
            Arrays.fill(nulls, -1L);
        }
        try {
            return switch (field.type()) {
                case INT -> {
                    int[] a = new int[n];
                    Arrays.fill(a, isNull ? 0 : Integer.parseInt(raw));
                    yield new IntColumn(a, n, nulls);
                }
                case LONG, TIMESTAMP -> {
                    long[] a = new long[n];
                    Arrays.fill(
                            a,
                            isNull
                                    ? 0
                                    : field.type() == DataType.LONG
                                            ? Long.parseLong(raw)
                                            : PartitionPaths.parseTimestamp(raw));
                    yield new LongColumn(field.type(), a, n, nulls);
                }
                case DOUBLE -> {
                    double[] a = new double[n];
                    Arrays.fill(a, isNull ? 0 : Double.parseDouble(raw));
                    yield new DoubleColumn(a, n, nulls);
                }
                case BOOLEAN -> {
                    boolean[] a = new boolean[n];
                    Arrays.fill(a, !isNull && Boolean.parseBoolean(raw.toLowerCase(Locale.ROOT)));
                    yield new BooleanColumn(a, n, nulls);
                }
                case STRING -> {
                    String[] a = new String[n];
                    Arrays.fill(a, isNull ? null : raw);
                    yield new StringColumn(a, n);
                }
                default ->
                    throw new IllegalArgumentException("partition column '" + field.name() + "' cannot be a "
                            + field.type().sqlName());
            };
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException && !(e instanceof NumberFormatException)) {
                throw e;
            }
            throw new IllegalArgumentException(
                    "partition value " + field.name() + "=" + raw + " of " + file + " is not a "
                            + field.type().sqlName(),
                    e);
        }
    }
}
