package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.Timestamps;
import dev.eddy.streaming.internal.format.ValueType;
import java.time.LocalDate;
import java.util.List;

/**
 * Puts values decoded with the checkpoint's stored schema into the columns the query was planned with. A restart
 * re-runs {@code load()}, whose new sample may infer more fields or wider types; the query must still decode
 * exactly as it did when it first ran (the same records corrupt, the same values), so it parses with the stored
 * columns and only widens them into the planned ones: a planned column the stored schema lacks stays null, an int
 * can go to a long, double or string column, anything to a string column. Anything narrower is an error at start.
 */
final class KafkaValueLayout {
    private final List<ColumnSpec> planned;
    private final int[] from;

    private KafkaValueLayout(List<ColumnSpec> planned, int[] from) {
        this.planned = planned;
        this.from = from;
    }

    /** Null when the stored and planned columns are the same (the common case: no conversion at all). */
    static KafkaValueLayout of(List<ColumnSpec> planned, List<ColumnSpec> stored) {
        if (planned.equals(stored)) {
            return null;
        }
        int[] from = new int[planned.size()];
        for (int c = 0; c < planned.size(); c++) {
            from[c] = -1;
            for (int s = 0; s < stored.size(); s++) {
                if (stored.get(s).name().equals(planned.get(c).name())) {
                    if (!widens(stored.get(s).type(), planned.get(c).type())) {
                        throw new IllegalArgumentException("the checkpoint's Kafka source decodes column '"
                                + planned.get(c).name() + "' as "
                                + stored.get(s).type() + " (stored schema "
                                + KafkaSchemaFile.describe(stored) + "), but this query plans it as "
                                + planned.get(c).type() + ", which cannot hold it. Declare the stored schema with "
                                + ".schema(...) to resume, or use a new checkpoint location");
                    }
                    from[c] = s;
                }
            }
        }
        return new KafkaValueLayout(List.copyOf(planned), from);
    }

    private static boolean widens(ValueType stored, ValueType planned) {
        return stored == planned
                || planned == ValueType.STRING
                || (stored == ValueType.INT && (planned == ValueType.LONG || planned == ValueType.DOUBLE))
                || (stored == ValueType.LONG && planned == ValueType.DOUBLE);
    }

    /** Writes the planned columns {@code [0, planned.size())} of the builder's current row. */
    void write(ParsedRow row, BatchBuilder out) {
        for (int c = 0; c < from.length; c++) {
            int s = from[c];
            if (s < 0 || !row.isSet[s]) {
                out.setNull(c);
                continue;
            }
            ValueType have = row.type(s);
            switch (planned.get(c).type()) {
                case INT, DATE -> out.setInt(c, (int) row.longs[s]);
                case LONG -> out.setLong(c, row.longs[s]);
                case TIMESTAMP -> out.setTimestampMicros(c, row.longs[s]);
                case DOUBLE -> out.setDouble(c, have == ValueType.DOUBLE ? row.doubles[s] : row.longs[s]);
                case BOOLEAN -> out.setBoolean(c, row.booleans[s]);
                case STRING -> out.setString(c, text(row, s, have));
            }
        }
    }

    private static String text(ParsedRow row, int s, ValueType have) {
        return switch (have) {
            case STRING -> row.strings[s];
            case INT, LONG -> Long.toString(row.longs[s]);
            case DOUBLE -> Double.toString(row.doubles[s]);
            case BOOLEAN -> Boolean.toString(row.booleans[s]);
            case TIMESTAMP -> Timestamps.format(row.longs[s]);
            case DATE -> LocalDate.ofEpochDay(row.longs[s]).toString();
        };
    }
}
