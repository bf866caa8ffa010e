package dev.eddy.magics.internal.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Records as a table, decoded like ksqlDB's PRINT: key and value as UTF-8 text, and when every value is a JSON
 * object, one more column per top-level field (so a person sees the data, not only a JSON string). The raw value
 * stays in {@code value}, so nothing is hidden when a field is missing or nested.
 */
final class TailTable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> OWN = Set.of("partition", "offset", "timestamp", "key", "value");

  private TailTable() {}

  static Table of(String name, List<ConsumerRecord<byte[], byte[]>> records) {
    IntColumn part = IntColumn.create("partition");
    LongColumn off = LongColumn.create("offset");
    StringColumn ts = StringColumn.create("timestamp");
    StringColumn key = StringColumn.create("key");
    StringColumn value = StringColumn.create("value");
    List<String> texts = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      part.append(r.partition());
      off.append(r.offset());
      ts.append(Instant.ofEpochMilli(r.timestamp()).toString());
      key.append(text(r.key()));
      String v = text(r.value());
      value.append(v);
      texts.add(v);
    }
    Table t = Table.create(name, part, off, ts, key, value);
    jsonFields(texts).forEach((field, column) -> t.addColumns(column.setName(OWN.contains(field) ? "value_" + field
        : field)));
    return t;
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  /** One column per top-level field, in first-seen order; empty unless every non-null value is a JSON object. */
  private static Map<String, StringColumn> jsonFields(List<String> values) {
    List<JsonNode> nodes = new ArrayList<>();
    Set<String> fields = new LinkedHashSet<>();
    for (String v : values) {
      JsonNode n = v == null ? null : parse(v);
      if (v != null && (n == null || !n.isObject())) {
        return Map.of();
      }
      nodes.add(n);
      if (n != null) {
        n.fieldNames().forEachRemaining(fields::add);
      }
    }
    Map<String, StringColumn> columns = new LinkedHashMap<>();
    for (String f : fields) {
      StringColumn c = StringColumn.create(f);
      for (JsonNode n : nodes) {
        JsonNode x = n == null ? null : n.get(f);
        c.append(x == null || x.isNull() ? null : x.isValueNode() ? x.asText() : x.toString());
      }
      columns.put(f, c);
    }
    return columns;
  }

  private static JsonNode parse(String v) {
    try {
      return JSON.readTree(v);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
