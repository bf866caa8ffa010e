package dev.eddy.streaming.internal.sink.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.internal.format.RowWriters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Rows to Kafka records, by Spark's rules: the {@code topic} option, else each row's {@code topic} column; an
 * optional {@code key}, {@code partition} (int) and {@code headers} column (a JSON object of strings, the form the
 * source produces); the {@code value} column, or without one the whole row as a JSON object. Text is UTF-8; a
 * {@code byte[]} value is written as it is.
 */
final class KafkaRecords {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String fixedTopic;
    private final int topicCol;
    private final int keyCol;
    private final int valueCol;
    private final int partitionCol;
    private final int headersCol;

    private KafkaRecords(String fixedTopic, Schema schema) {
        this.fixedTopic = fixedTopic;
        this.topicCol = schema.indexOf("topic");
        this.keyCol = schema.indexOf("key");
        this.valueCol = schema.indexOf("value");
        this.partitionCol = schema.indexOf("partition");
        this.headersCol = schema.indexOf("headers");
    }

    /** Checks the columns when the query starts, so a query that cannot name a topic does not start. */
    static KafkaRecords of(String topicOption, Schema schema) {
        int topic = schema.indexOf("topic");
        if (topicOption == null && topic < 0) {
            throw new IllegalArgumentException("the kafka sink needs a topic: set option 'topic', or give the rows a "
                    + "'topic' column (the query's columns are " + schema.names() + ")");
        }
        if (topicOption == null && schema.fields().get(topic).type() != DataType.STRING) {
            throw new IllegalArgumentException("the kafka sink's 'topic' column must be a string, not "
                    + schema.fields().get(topic).type());
        }
        int partition = schema.indexOf("partition");
        if (partition >= 0
                && schema.fields().get(partition).type() != DataType.INT
                && schema.fields().get(partition).type() != DataType.LONG) {
            throw new IllegalArgumentException("the kafka sink's 'partition' column must be an int, not "
                    + schema.fields().get(partition).type());
        }
        return new KafkaRecords(topicOption, schema);
    }

    List<ProducerRecord<byte[], byte[]>> records(Batch batch) {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(batch.numRows());
        for (int r = 0; r < batch.numRows(); r++) {
            out.add(record(batch, r));
        }
        return out;
    }

    private ProducerRecord<byte[], byte[]> record(Batch batch, int r) {
        String topic = fixedTopic;
        if (topic == null) {
            Object t = batch.column(topicCol).get(r);
            if (t == null) {
                throw new IllegalArgumentException(
                        "row " + r + " of the batch has a null 'topic' and the kafka sink " + "has no 'topic' option");
            }
            topic = t.toString();
        }
        byte[] key = keyCol < 0 ? null : bytes(batch.column(keyCol), r);
        byte[] value = valueCol >= 0
                ? bytes(batch.column(valueCol), r)
                : RowWriters.json(batch, r).getBytes(StandardCharsets.UTF_8);
        Integer partition = null;
        if (partitionCol >= 0 && !batch.column(partitionCol).isNull(r)) {
            partition = ((Number) batch.column(partitionCol).get(r)).intValue();
        }
        return new ProducerRecord<>(topic, partition, null, key, value, headers(batch, r));
    }

    private RecordHeaders headers(Batch batch, int r) {
        RecordHeaders hs = new RecordHeaders();
        if (headersCol < 0 || batch.column(headersCol).isNull(r)) {
            return hs;
        }
        String text = batch.column(headersCol).get(r).toString();
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(
                    "the 'headers' column must hold a JSON object like {\"k\":\"v\"}, got: " + text);
        }
        node.fields()
                .forEachRemaining(h -> hs.add(
                        h.getKey(),
                        h.getValue().isNull()
                                ? null
                                : (h.getValue().isTextual()
                                                ? h.getValue().asText()
                                                : h.getValue().toString())
                                        .getBytes(StandardCharsets.UTF_8)));
        return hs;
    }

    private static byte[] bytes(Column c, int r) {
        Object v = c.get(r);
        if (v == null) {
            return null;
        }
        return v instanceof byte[] b ? b : v.toString().getBytes(StandardCharsets.UTF_8);
    }
}
