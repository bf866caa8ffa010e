package dev.eddy.streaming.reference;

import dev.eddy.streaming.api.data.Row;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/** Helpers for the reference cases: times of day on one date, and rows as "[12:00,12:10) dog 1" text. */
final class RefRows {
    private static final String DAY = "2024-03-01T";

    private RefRows() {}

    /** "12:07" as an Instant on the reference day (UTC). */
    static Instant at(String hhmm) {
        return LocalDateTime.parse(DAY + hhmm).toInstant(ZoneOffset.UTC);
    }

    static String hhmm(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC).toLocalTime().toString();
    }

    /** A windowed count row as "[start,end) key count"; a plain one as "key count". */
    static String text(Row r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            if (r.get(i) instanceof Row w) {
                sb.append('[')
                        .append(hhmm(w.getTimestamp("start")))
                        .append(',')
                        .append(hhmm(w.getTimestamp("end")))
                        .append(')');
            } else {
                sb.append(r.get(i));
            }
        }
        return sb.toString();
    }

    static List<String> texts(List<Row> rows) {
        return rows.stream().map(RefRows::text).collect(Collectors.toList());
    }
}
