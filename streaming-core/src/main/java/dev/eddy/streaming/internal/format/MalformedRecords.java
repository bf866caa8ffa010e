package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Spark's {@code mode} and {@code columnNameOfCorruptRecord} for sources whose decoder keeps a malformed record's
 * text in {@code _corrupt_record} (the embedded topic and Kafka sources with {@code valueFormat} json or csv): applied
 * to each decoded batch, so PERMISSIVE keeps the row (its text in the corrupt-record column, under the name the option
 * gives it), DROPMALFORMED leaves it out, and FAILFAST fails the batch naming the record. The decoder still counts
 * every malformed record.
 */
public final class MalformedRecords {
    private final CsvOptions.Mode mode;
    private final String corruptName;
    private final String format;
    /**
     * The batches {@link #apply} dropped records from, with how many (weak keys: a batch the engine no longer holds is
     * forgotten). The executor may ask from the query thread about a batch read on the read-ahead thread.
     */
    private final Map<Batch, Long> dropped = Collections.synchronizedMap(new WeakHashMap<>());

    private MalformedRecords(CsvOptions.Mode mode, String corruptName, String format) {
        this.mode = mode;
        this.corruptName = corruptName;
        this.format = format.toUpperCase(Locale.ROOT);
    }

    /** The policy the reader's options ask for ({@code mode}, {@code columnNameOfCorruptRecord}). */
    public static MalformedRecords of(CsvOptions options, String format) {
        return new MalformedRecords(options.mode(), options.corruptColumn(), format);
    }

    /** Whether this changes anything (otherwise batches pass as they are). */
    public boolean isDefault() {
        return mode == CsvOptions.Mode.PERMISSIVE && corruptName.equals(TextFormats.CORRUPT_RECORD);
    }

    /** A declared schema as the decoder knows it: the corrupt-record column under its own name. */
    public Schema toDecoder(Schema declared) {
        return rename(declared, corruptName, TextFormats.CORRUPT_RECORD);
    }

    /** The decoder's schema as the query sees it: the corrupt-record column under the option's name. */
    public Schema toQuery(Schema decoded) {
        return rename(decoded, TextFormats.CORRUPT_RECORD, corruptName);
    }

    /** The columns the decoder must build for a query reading {@code read}: the corrupt one too where mode needs it. */
    public Set<String> toDecoderColumns(Set<String> read) {
        Set<String> out = new HashSet<>();
        for (String c : read) {
            out.add(c.equals(corruptName) ? TextFormats.CORRUPT_RECORD : c);
        }
        if (mode != CsvOptions.Mode.PERMISSIVE) {
            out.add(TextFormats.CORRUPT_RECORD);
        }
        return out;
    }

    /**
     * A decoded batch as the query gets it.
     *
     * @param where names the batch's records in a FAILFAST error (e.g. "Kafka topic t")
     */
    public Batch apply(Batch decoded, String where) {
        if (isDefault()) {
            return decoded;
        }
        int at = decoded.schema().indexOf(TextFormats.CORRUPT_RECORD);
        Batch out = decoded;
        if (at >= 0 && mode != CsvOptions.Mode.PERMISSIVE) {
            out = dropOrFail(decoded, at, where);
        }
        Column[] cols = new Column[out.numColumns()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = out.column(i);
        }
        Batch result = Batch.of(toQuery(out.schema()), cols);
        if (out.numRows() < decoded.numRows()) {
            dropped.put(result, (long) (decoded.numRows() - out.numRows()));
        }
        return result;
    }

    private Batch dropOrFail(Batch b, int at, String where) {
        Column corrupt = b.column(at);
        int[] keep = new int[b.numRows()];
        int n = 0;
        for (int r = 0; r < b.numRows(); r++) {
            if (corrupt.isNull(r)) {
                keep[n++] = r;
            } else if (mode == CsvOptions.Mode.FAILFAST) {
                // nothing of the batch is committed: a restart reads the same records again
                throw new IllegalArgumentException(where + offset(b, r) + ": malformed " + format
                        + " record (mode FAILFAST): " + oneLine(String.valueOf(corrupt.get(r))));
            }
        }
        return n == b.numRows() ? b : b.gather(keep, n);
    }

    /**
     * How many records the source read for {@code out} (a batch {@link #apply} returned): its rows plus the ones
     * DROPMALFORMED left out. Spark's numInputRows for a Kafka source counts every record read, since its parsing runs
     * after the source.
     */
    public long recordsRead(Batch out) {
        Long d = dropped.get(out);
        return out.numRows() + (d == null ? 0 : d);
    }

    private static String offset(Batch b, int r) {
        int p = b.schema().indexOf("partition");
        int o = b.schema().indexOf("offset");
        if (p < 0 || o < 0 || b.column(p).isNull(r) || b.column(o).isNull(r)) {
            return "";
        }
        return " partition " + b.column(p).get(r) + " offset " + b.column(o).get(r);
    }

    private static String oneLine(String text) {
        String one = text.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 200 ? one.substring(0, 200) + "..." : one;
    }

    private static Schema rename(Schema s, String from, String to) {
        int at = s.indexOf(from);
        if (at < 0 || from.equals(to)) {
            return s;
        }
        List<Field> fields = new ArrayList<>(s.fields());
        fields.set(at, fields.get(at).withName(to));
        return Schema.of(fields);
    }
}
