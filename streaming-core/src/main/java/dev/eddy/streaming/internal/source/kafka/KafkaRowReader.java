package dev.eddy.streaming.internal.source.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Utf8Text;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Kafka records to rows. Raw: key, value, topic, partition, offset, timestamp, headers (Spark's columns; text as
 * UTF-8, headers as a JSON object). Decoding ({@code valueFormat} json/csv): the declared value columns,
 * {@code _corrupt_record} (the raw value of a record that did not parse, counted), then key, topic, partition,
 * offset and timestamp — the same shape as the embedded topic source.
 */
final class KafkaRowReader {
    private static final List<Field> META = List.of(
            Field.of("key", DataType.STRING),
            Field.of("topic", DataType.STRING),
            Field.of("partition", DataType.INT),
            Field.of("offset", DataType.LONG),
            Field.of("timestamp", DataType.TIMESTAMP));
    static final Schema RAW = Schema.of(
            Field.of("key", DataType.STRING),
            Field.of("value", DataType.STRING),
            Field.of("topic", DataType.STRING),
            Field.of("partition", DataType.INT),
            Field.of("offset", DataType.LONG),
            Field.of("timestamp", DataType.TIMESTAMP),
            Field.of("headers", DataType.STRING));

    private final Schema schema;
    private final TextFormats.RecordParser parser;
    private final ParsedRow row;
    private final KafkaValueLayout layout;
    private final int valueWidth;
    /** Corrupt records of the batches taken (counted when a batch takes them, not when they are decoded ahead). */
    private final AtomicLong corrupt = new AtomicLong();

    private static final int[] NO_ROWS = {};

    /** Rows of the run being decoded whose value did not parse (decode thread). */
    private int[] corruptRows = new int[8];

    private int corruptCount;
    /** Column pruning: columns of {@link #schema} the query does not read (left null, never built). */
    private boolean[] unread;

    KafkaRowReader() {
        this.schema = RAW;
        this.parser = null;
        this.row = null;
        this.layout = null;
        this.valueWidth = 0;
        this.unread = new boolean[schema.size()];
    }

    KafkaRowReader(List<ColumnSpec> valueColumns, TextFormats.RecordParser parser) {
        this(valueColumns, valueColumns, parser);
    }

    /**
     * @param planned the value columns of the rows (the query's plan)
     * @param decoded the columns {@code parser} parses into (the checkpoint's stored schema); see
     *                {@link KafkaValueLayout}
     */
    KafkaRowReader(List<ColumnSpec> planned, List<ColumnSpec> decoded, TextFormats.RecordParser parser) {
        this.parser = parser;
        this.row = new ParsedRow(decoded);
        this.layout = KafkaValueLayout.of(planned, decoded);
        this.valueWidth = planned.size();
        List<Field> f = new ArrayList<>(TextFormats.fields(planned));
        f.add(Field.of(TextFormats.CORRUPT_RECORD, DataType.STRING));
        f.addAll(META);
        this.schema = Schema.of(f);
        this.unread = new boolean[schema.size()];
    }

    /** Column pruning: only {@code columns} are read; the others stay null and cost nothing per record. */
    void prune(Set<String> columns) {
        unread = TextFormats.unread(schema.names(), columns);
        if (parser != null) {
            // the parser decodes the stored columns: skip those whose planned column (by name) is not read
            parser.skipUnread(TextFormats.unread(
                    row.columns.stream().map(ColumnSpec::name).toList(), readValueNames()));
        }
    }

    private Set<String> readValueNames() {
        Set<String> read = new HashSet<>();
        for (int c = 0; c < valueWidth; c++) {
            if (!unread[c]) {
                read.add(schema.field(c).name());
            }
        }
        return read;
    }

    /**
     * A builder for one batch of about {@code expectedRows}, leaving the unread columns unbuilt; topic and partition
     * are written once per run of a partition's records ({@link #addRun}), not per record.
     */
    BatchBuilder builder(long expectedRows) {
        BatchBuilder b = TextFormats.builder(schema, unread, (int) Math.max(16, Math.min(expectedRows, 1 << 20)));
        int topic = topicColumn();
        return b.writeInRuns(topic).writeInRuns(topic + 1);
    }

    /** The topic column; the partition column follows it. */
    private int topicColumn() {
        return parser == null ? 2 : valueWidth + 2;
    }

    /** Pieces of a batch as one batch: their columns copied in bulk, the unread ones left null. */
    Batch concat(List<Batch> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        int total = 0;
        for (Batch p : parts) {
            total += p.numRows();
        }
        BatchBuilder b = TextFormats.builder(schema, unread, Math.max(16, total));
        for (Batch p : parts) {
            b.appendBatch(p);
        }
        return b.build();
    }

    /** Corrupt records a batch took (see {@link #corruptRecords}). */
    void countCorrupt(long n) {
        if (n > 0) {
            corrupt.addAndGet(n);
        }
    }

    /**
     * Records {@code [from, to)} of one partition's (in offset order) into the builder's next rows, topic and partition
     * written once for the run. Decode thread.
     *
     * @return the rows (of the builder) whose value did not parse
     */
    int[] addRun(BatchBuilder out, List<ConsumerRecord<ByteBuffer, ByteBuffer>> records, int from, int to) {
        int first = out.numRows();
        corruptCount = 0;
        for (int i = from; i < to; i++) {
            add(out, records.get(i));
        }
        if (out.numRows() > first) {
            int topic = topicColumn();
            ConsumerRecord<ByteBuffer, ByteBuffer> r = records.get(from);
            out.fillRun(topic, first, out.numRows(), r.topic()).fillRun(topic + 1, first, out.numRows(), r.partition());
        }
        return corruptCount == 0 ? NO_ROWS : Arrays.copyOf(corruptRows, corruptCount);
    }

    /** Rows of one partition (of a batch this reader built) appended to {@code out}, topic and partition as a run. */
    void appendRun(BatchBuilder out, Batch rows, TopicPartition tp) {
        int first = out.numRows();
        out.appendBatch(rows);
        int topic = topicColumn();
        out.fillRun(topic, first, out.numRows(), tp.topic()).fillRun(topic + 1, first, out.numRows(), tp.partition());
    }

    Schema schema() {
        return schema;
    }

    long corruptRecords() {
        return corrupt.get();
    }

    /**
     * Records of one partition from a raw fetch's cursor into the builder's next rows, while their offset is before
     * {@code stop} (the first one at or after it is left to the cursor), topic and partition written once for the run;
     * {@code offsets} gets each row's offset. Decode thread.
     *
     * @return the rows (of the builder) whose value did not parse
     */
    int[] addRun(BatchBuilder out, KafkaRawRecords.Cursor c, long stop, TopicPartition tp, OffsetList offsets) {
        int first = out.numRows();
        corruptCount = 0;
        while (c.next()) {
            if (c.offset >= stop) {
                c.back();
                break;
            }
            offsets.add(c.offset);
            add(out, c.key, c.keyOff, c.keyLen, c.value, c.valueOff, c.valueLen, c.offset, c.timestamp, c);
        }
        if (out.numRows() > first) {
            int topic = topicColumn();
            out.fillRun(topic, first, out.numRows(), tp.topic())
                    .fillRun(topic + 1, first, out.numRows(), tp.partition());
        }
        return corruptCount == 0 ? NO_ROWS : Arrays.copyOf(corruptRows, corruptCount);
    }

    /** A growing list of offsets, reused (decode thread). */
    static final class OffsetList {
        long[] values = new long[1024];
        int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }
    }

    /** One consumer record into the builder's next row (see the other {@code add}). */
    private void add(BatchBuilder out, ConsumerRecord<ByteBuffer, ByteBuffer> r) {
        ByteBuffer k = r.key();
        ByteBuffer v = r.value();
        byte[] ka = k == null ? null : k.hasArray() ? k.array() : bytes(k);
        int ko = k == null || !k.hasArray() ? 0 : k.arrayOffset() + k.position();
        byte[] va = v == null ? null : v.hasArray() ? v.array() : bytes(v);
        int vo = v == null || !v.hasArray() ? 0 : v.arrayOffset() + v.position();
        add(
                out,
                ka,
                ko,
                k == null ? -1 : k.remaining(),
                va,
                vo,
                v == null ? -1 : v.remaining(),
                r.offset(),
                r.timestamp(),
                r);
    }

    /**
     * One record into the builder's next row (topic and partition excepted: {@code addRun} writes them). Key and value
     * are ranges of the fetched bytes (length -1: null; no copy per record): the value is decoded in place when the
     * parser's fast path takes it, and copied only for the full parser, a corrupt record's text or a text column the
     * query reads. {@code headers}: the record or the raw cursor, read only when the query reads the headers.
     */
    private void add(
            BatchBuilder out,
            byte[] ka,
            int ko,
            int kl,
            byte[] va,
            int vo,
            int vl,
            long offset,
            long timestamp,
            Object headers) {
        boolean[] skip = unread;
        if (parser == null) {
            if (!skip[0]) {
                out.setString(0, text(ka, ko, kl));
            }
            if (!skip[1]) {
                out.setString(1, text(va, vo, vl));
            }
            out.setLong(4, offset).setTimestampMicros(5, timestamp * 1000);
            if (!skip[6]) {
                out.setString(6, headers(headers));
            }
            out.endRow();
            return;
        }
        int n = valueWidth;
        if (vl >= 0 && layout == null && parser.decodeFast(va, vo, vl, out)) {
            // the common record: decoded where the fetch put it, straight into the batch's value columns (no row)
        } else if (vl >= 0 && parse(va, vo, vl)) {
            if (layout == null) {
                TextFormats.write(row, out, 0);
            } else {
                layout.write(row, out);
            }
        } else {
            if (corruptCount == corruptRows.length) {
                corruptRows = Arrays.copyOf(corruptRows, corruptCount * 2);
            }
            corruptRows[corruptCount++] = out.numRows();
            if (vl >= 0 && row.partial) { // the values that did parse, as Spark keeps them
                if (layout == null) {
                    TextFormats.write(row, out, 0);
                } else {
                    layout.write(row, out);
                }
            } else {
                for (int c = 0; c < n; c++) {
                    out.setNull(c);
                }
            }
            if (!skip[n]) {
                out.setString(n, text(va, vo, vl));
            }
        }
        if (!skip[n + 1]) {
            out.setString(n + 1, text(ka, ko, kl));
        }
        out.setLong(n + 4, offset).setTimestampMicros(n + 5, timestamp * 1000).endRow();
    }

    /** Into the reused row: a record {@code decodeFast} did not take, or any record when the layout maps columns. */
    private boolean parse(byte[] a, int off, int len) {
        if (layout == null) {
            return parser.parseFull(Arrays.copyOfRange(a, off, off + len), row); // the fast path has had its go
        }
        if (parser.parseFast(a, off, len, row)) {
            return true; // the common flat record, read where the fetch put it
        }
        return parser.parse(Arrays.copyOfRange(a, off, off + len), row);
    }

    private static byte[] bytes(ByteBuffer v) {
        byte[] b = new byte[v.remaining()];
        v.duplicate().get(b); // a duplicate: the record's own view stays where it was
        return b;
    }

    private static String text(byte[] a, int off, int len) {
        return len < 0 ? null : text(Arrays.copyOfRange(a, off, off + len));
    }

    /** UTF-8 text; bytes that are not valid UTF-8 are kept as {@code \xNN} (never replaced by U+FFFD). */
    private static String text(byte[] b) {
        return Utf8Text.lenient(b);
    }

    private static String headers(Object source) {
        Header[] hs = source instanceof KafkaRawRecords.Cursor c
                ? c.headers()
                : ((ConsumerRecord<?, ?>) source).headers().toArray();
        if (hs.length == 0) {
            return null;
        }
        var node = JsonNodeFactory.instance.objectNode();
        for (Header h : hs) {
            node.put(h.key(), h.value() == null ? null : text(h.value()));
        }
        return node.toString();
    }
}
