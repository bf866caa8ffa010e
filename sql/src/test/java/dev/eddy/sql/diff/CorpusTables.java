package dev.eddy.sql.diff;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The batch corpus's two generated tables, NULL-heavy: {@code t1 (id INT, a INT, b BIGINT, x DOUBLE, s STRING, flag
 * BOOLEAN, ts TIMESTAMP)} with edge values (near the INT and BIGINT ranges, texts that are numbers and times) and
 * {@code t2 (id INT, k STRING, v INT, y DOUBLE, ts TIMESTAMP)} to join with it.
 */
final class CorpusTables {
    /** A column of a generated table: its name, SQL type and values (null allowed). */
    record Column(String name, String type, List<Object> values) {}

    /** A generated table. */
    record Table(String name, List<Column> columns) {
        int rows() {
            return columns.get(0).values().size();
        }
    }

    static final long BASE_MICROS =
            LocalDateTime.of(2024, 1, 15, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli() * 1000;
    private static final String[] WORDS = {
        "apple",
        "Banana",
        "cherry pie",
        "a%b",
        "x_y",
        "123",
        "  pad ",
        "-7",
        "2024-01-15 10:30:00",
        "3.5",
        "Zebra",
        "naïve"
    };

    private CorpusTables() {}

    /** t1 and t2, drawn from {@code r}. */
    static List<Table> draw(Random r) {
        return List.of(table(r, "t1", 40, true), table(r, "t2", 25, false));
    }

    private static Table table(Random r, String name, int n, boolean first) {
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("id", "INT", gen(r, n, () -> r.nextInt(30))));
        if (first) {
            cols.add(new Column(
                    "a",
                    "INT",
                    gen(r, n, () -> r.nextInt(100) == 0 ? Integer.MAX_VALUE - r.nextInt(3) : r.nextInt(21) - 10)));
            cols.add(new Column(
                    "b",
                    "BIGINT",
                    gen(r, n, () -> r.nextInt(50) == 0 ? Long.MAX_VALUE / 8 : (long) r.nextInt(2001) - 1000)));
            cols.add(new Column(
                    "x",
                    "DOUBLE",
                    gen(
                            r,
                            n,
                            () -> r.nextInt(4) == 0
                                    ? (double) (r.nextInt(9) - 4) / 2
                                    : Math.round((r.nextDouble() * 200 - 100) * 1000) / 1000.0)));
            cols.add(new Column("s", "STRING", gen(r, n, () -> WORDS[r.nextInt(WORDS.length)])));
            cols.add(new Column("flag", "BOOLEAN", gen(r, n, r::nextBoolean)));
            cols.add(new Column(
                    "ts",
                    "TIMESTAMP",
                    gen(
                            r,
                            n,
                            () -> BASE_MICROS
                                    + (r.nextInt(4 * 24 * 3600) - 2 * 24 * 3600) * 1_000_000L
                                    + r.nextInt(1000) * 1000L)));
        } else {
            cols.add(new Column("k", "STRING", gen(r, n, () -> WORDS[r.nextInt(6)])));
            cols.add(new Column("v", "INT", gen(r, n, () -> r.nextInt(11) - 5)));
            cols.add(new Column("y", "DOUBLE", gen(r, n, () -> (double) r.nextInt(1000) / 8)));
            cols.add(new Column(
                    "ts", "TIMESTAMP", gen(r, n, () -> BASE_MICROS + r.nextInt(3 * 24 * 3600) * 1_000_000L)));
        }
        return new Table(name, cols);
    }

    private static List<Object> gen(Random r, int n, Supplier<Object> value) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(r.nextInt(5) == 0 ? null : value.get());
        }
        return out;
    }

    static Instant instant(long micros) {
        return Instant.EPOCH.plusNanos(micros * 1000);
    }
}
