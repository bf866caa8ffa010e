package dev.eddy.connectors.jdbc.internal;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BooleanColumn;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DoubleColumn;
import dev.eddy.streaming.api.data.IntColumn;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.StringColumn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a batch with PostgreSQL's {@code COPY ... FROM STDIN} in text format: one line per row, values separated
 * by tabs, {@code \N} for null, backslash escapes for backslash, tab, newline and carriage return. Timestamps are
 * written as UTC with {@code +00}. The rows go to the server in 64 KiB pieces as they are encoded.
 */
final class PgCopy {
    private static final int CHUNK = 1 << 16;

    private PgCopy() {}

    static boolean supports(Connection c) {
        try {
            return c.isWrapperFor(PGConnection.class);
        } catch (SQLException | LinkageError e) {
            return false;
        }
    }

    /** Copies every row of {@code b} into {@code table}'s {@code columns} (the table's spelling, in sink order). */
    static void copy(Connection c, String table, List<String> columns, SinkColumns cols, Batch b) throws SQLException {
        String sql = "COPY " + table + " ("
                + columns.stream().map(Dialect::quote).collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            Column[] data = new Column[cols.cols().size()];
            for (int i = 0; i < data.length; i++) {
                data[i] = cols.cols().get(i).of(b);
            }
            StringBuilder line = new StringBuilder(CHUNK + 1024);
            for (int r = 0; r < b.numRows(); r++) {
                for (int i = 0; i < data.length; i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    if (cols.cols().get(i).isNull(b, data[i], r)) {
                        line.append("\\N");
                    } else {
                        append(line, data[i], r);
                    }
                }
                line.append('\n');
                if (line.length() >= CHUNK) {
                    byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    line.setLength(0);
                }
            }
            byte[] bytes = line.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static void append(StringBuilder sb, Column c, int r) {
        switch (c.type()) {
            case LONG -> sb.append(((LongColumn) c).getLong(r));
            case INT -> sb.append(((IntColumn) c).getInt(r));
            case DOUBLE -> sb.append(((DoubleColumn) c).getDouble(r));
            case BOOLEAN -> sb.append(((BooleanColumn) c).getBoolean(r) ? 't' : 'f');
            case TIMESTAMP -> timestamp(sb, ((LongColumn) c).getLong(r));
            case STRING -> escape(sb, ((StringColumn) c).getString(r));
            case DATE -> sb.append(LocalDate.ofEpochDay(((IntColumn) c).getInt(r)));
            case STRUCT -> throw new IllegalStateException("structs are flattened before COPY");
        }
    }

    /** {@code 2024-05-01 12:07:00.123456+00}. */
    static void timestamp(StringBuilder sb, long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int micro = (int) Math.floorMod(micros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        sb.append(t.toLocalDate()).append(' ');
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        if (micro != 0) {
            String m = Integer.toString(micro + 1_000_000);
            sb.append('.').append(m, 1, 7);
        }
        sb.append("+00");
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                default -> sb.append(ch);
            }
        }
    }
}
