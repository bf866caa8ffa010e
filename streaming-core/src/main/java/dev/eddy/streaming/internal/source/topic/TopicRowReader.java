package dev.eddy.streaming.internal.source.topic;

import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.topic.Header;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Utf8Text;
import dev.eddy.streaming.internal.log.RecordVisitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns log records into rows. Raw mode: key, value, topic, partition, offset, timestamp, headers. Decoding mode:
 * the declared value columns, then {@code _corrupt_record} (the raw value of a record that did not parse, else
 * null), then the record's key, topic, partition, offset and timestamp. Keys and values are read as UTF-8 text;
 * headers become a JSON object of UTF-8 strings.
 */
final class TopicRowReader {
    private static final List<Field> META = List.of(
            Field.of("key", DataType.STRING),
            Field.of("topic", DataType.STRING),
            Field.of("partition", DataType.INT),
            Field.of("offset", DataType.LONG),
            Field.of("timestamp", DataType.TIMESTAMP));

    private final String topic;
    private final Schema schema;
    private final TextFormats.RecordParser parser;
    private final ParsedRow row;
    /** The metadata columns after {@code _corrupt_record}, as indexes into META (resolved once, not per row). */
    private final int[] metaKinds;

    private long corrupt;
    /** Column pruning: columns of {@link #schema} the query does not read (left null, never built). */
    private boolean[] unread;

    /** Raw rows: no value decoding. */
    TopicRowReader(String topic) {
        this.topic = topic;
        this.parser = null;
        this.row = null;
        List<Field> f = new ArrayList<>(List.of(Field.of("key", DataType.STRING), Field.of("value", DataType.STRING)));
        f.addAll(META.subList(1, META.size()));
        f.add(Field.of("headers", DataType.STRING));
        this.schema = Schema.of(f);
        this.metaKinds = new int[0];
        this.unread = new boolean[schema.size()];
    }

    TopicRowReader(String topic, List<ColumnSpec> valueColumns, TextFormats.RecordParser parser) {
        this.topic = topic;
        this.parser = parser;
        this.row = new ParsedRow(valueColumns);
        List<Field> f = new ArrayList<>(TextFormats.fields(valueColumns));
        f.add(Field.of(TextFormats.CORRUPT_RECORD, DataType.STRING));
        List<Integer> kinds = new ArrayList<>();
        for (int i = 0; i < META.size(); i++) {
            Field m = META.get(i);
            if (valueColumns.stream().noneMatch(c -> c.name().equals(m.name()))) {
                f.add(m);
                kinds.add(i);
            }
        }
        this.schema = Schema.of(f);
        this.metaKinds = kinds.stream().mapToInt(Integer::intValue).toArray();
        this.unread = new boolean[schema.size()];
    }

    /** Column pruning: only {@code columns} are read; the others stay null and cost nothing per record. */
    void prune(Set<String> columns) {
        unread = TextFormats.unread(schema.names(), columns);
        if (parser != null) {
            parser.skipUnread(unread); // the value columns come first, in the parser's order
        }
    }

    /** A builder for one batch, leaving the unread columns unbuilt. */
    BatchBuilder builder(int expectedRows) {
        return TextFormats.builder(schema, unread, expectedRows);
    }

    Schema schema() {
        return schema;
    }

    long corruptRecords() {
        return corrupt;
    }

    RecordVisitor into(BatchBuilder out, int partition) {
        return parser == null
                ? (o, ts, k, v, hs) -> raw(out, partition, o, ts, k, v, hs)
                : (o, ts, k, v, hs) -> decoded(out, partition, o, ts, k, v);
    }

    private void raw(BatchBuilder out, int partition, long offset, long ts, byte[] k, byte[] v, List<Header> hs) {
        if (!unread[0]) {
            out.setString(0, text(k));
        }
        if (!unread[1]) {
            out.setString(1, text(v));
        }
        out.setString(2, topic).setInt(3, partition).setLong(4, offset).setTimestampMicros(5, ts * 1000);
        if (!unread[6]) {
            out.setString(6, headersJson(hs));
        }
        out.endRow();
    }

    private void decoded(BatchBuilder out, int partition, long offset, long ts, byte[] k, byte[] v) {
        int n = row.size();
        if (v != null && parser.decodeFast(v, 0, v.length, out)) {
            // the common record: decoded straight into the batch's value columns
        } else if (v != null && parser.parseFull(v, row)) {
            TextFormats.write(row, out, 0);
        } else {
            corrupt++;
            if (v != null && row.partial) {
                TextFormats.write(row, out, 0); // the values that did parse, as Spark keeps them
            }
            if (!unread[n]) {
                out.setString(n, text(v)); // text only for the rare corrupt row
            }
        }
        for (int i = 0; i < metaKinds.length; i++) {
            int col = n + 1 + i;
            if (unread[col]) {
                continue; // pruned: a shared all-null column, nothing to write
            }
            switch (metaKinds[i]) {
                case 0 -> out.setString(col, text(k));
                case 1 -> out.setString(col, topic);
                case 2 -> out.setInt(col, partition);
                case 3 -> out.setLong(col, offset);
                default -> out.setTimestampMicros(col, ts * 1000);
            }
        }
        out.endRow();
    }

    /** UTF-8 text; bytes that are not valid UTF-8 are kept as {@code \xNN} (never replaced by U+FFFD). */
    private static String text(byte[] b) {
        return Utf8Text.lenient(b);
    }

    static String headersJson(List<Header> hs) {
        if (hs == null || hs.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("{");
        for (Header h : hs) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, h.key()).append(':');
            if (h.value() == null) {
                sb.append("null");
            } else {
                quote(sb, text(h.value()));
            }
        }
        return sb.append('}').toString();
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"');
    }
}
