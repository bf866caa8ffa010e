package dev.eddy.streaming.internal.source.kafka;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.ParsedRow;
import dev.eddy.streaming.internal.format.TextFormats;
import dev.eddy.streaming.internal.format.Utf8Text;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka records to rows. Raw: key, value, topic, partition, offset, timestamp, headers (Spark's columns; text as
 * UTF-8, headers as a JSON object). Decoding ({@code valueFormat} json/csv): the declared value columns,
 * {@code _corrupt_record} (the raw value of a record that did not parse, counted), then key, topic, partition,
 * offset and timestamp — the same shape as the embedded topic source.
 */
final class KafkaRowReader {
    private static final List<Field> META = List.of(Field.of("key", DataType.STRING), Field.of("topic", DataType.STRING),
            Field.of("partition", DataType.INT), Field.of("offset", DataType.LONG),
            Field.of("timestamp", DataType.TIMESTAMP));
    static final Schema RAW = Schema.of(Field.of("key", DataType.STRING), Field.of("value", DataType.STRING),
            Field.of("topic", DataType.STRING), Field.of("partition", DataType.INT), Field.of("offset", DataType.LONG),
            Field.of("timestamp", DataType.TIMESTAMP), Field.of("headers", DataType.STRING));

    private final Schema schema;
    private final TextFormats.RecordParser parser;
    private final ParsedRow row;
    private final KafkaValueLayout layout;
    private final int valueWidth;
    private long corrupt;

    KafkaRowReader() {
        this.schema = RAW;
        this.parser = null;
        this.row = null;
        this.layout = null;
        this.valueWidth = 0;
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
    }

    Schema schema() {
        return schema;
    }

    long corruptRecords() {
        return corrupt;
    }

    void add(BatchBuilder out, ConsumerRecord<byte[], byte[]> r) {
        if (parser == null) {
            out.setString(0, text(r.key())).setString(1, text(r.value())).setString(2, r.topic()).setInt(3, r.partition())
                    .setLong(4, r.offset()).setTimestampMicros(5, r.timestamp() * 1000)
                    .setString(6, headers(r)).endRow();
            return;
        }
        int n = valueWidth;
        byte[] value = r.value();
        if (value != null && parser.parse(value, row)) {
            if (layout == null) {
                TextFormats.write(row, out, 0);
            } else {
                layout.write(row, out);
            }
            out.setNull(n);
        } else {
            corrupt++;
            for (int c = 0; c < n; c++) {
                out.setNull(c);
            }
            out.setString(n, text(value));
        }
        out.setString(n + 1, text(r.key())).setString(n + 2, r.topic()).setInt(n + 3, r.partition())
                .setLong(n + 4, r.offset()).setTimestampMicros(n + 5, r.timestamp() * 1000).endRow();
    }

    /** UTF-8 text; bytes that are not valid UTF-8 are kept as {@code \xNN} (never replaced by U+FFFD). */
    private static String text(byte[] b) {
        return Utf8Text.lenient(b);
    }

    private static String headers(ConsumerRecord<byte[], byte[]> r) {
        Header[] hs = r.headers().toArray();
        if (hs.length == 0) {
            return null;
        }
        var node = JsonNodeFactory.instance.objectNode();
        for (Header h : hs) {
            node.put(h.key(), text(h.value()));
        }
        return node.toString();
    }
}
