package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.sql.api.NameSuggester;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Checks WITH options: known connector and format, the options each connector needs, and fills in the
 * default format. Options a connector does not know are kept (connectors have many tuning options).
 */
final class ConnectorOptions {
  static final List<String> STREAM_CONNECTORS = List.of("topic", "kafka", "file", "socket", "rate", "memory");
  static final List<String> FORMATS = List.of("json", "csv", "text");

  private ConnectorOptions() {
  }

  static Map<String, String> checkStream(Map<String, String> options, SqlParserPos pos) {
    String connector = required(options, "connector", pos, "CREATE STREAM");
    if (!STREAM_CONNECTORS.contains(connector)) {
      if (dev.eddy.streaming.api.spi.Providers.sourceFormats().contains(connector)) {
        return options; // a format of its own (e.g. 'parquet'): the engine's source checks its options
      }
      throw unknown("connector", connector, STREAM_CONNECTORS, pos);
    }
    Map<String, String> out = new LinkedHashMap<>(options);
    switch (connector) {
      case "topic":
        required(options, "topic", pos, "connector 'topic'");
        break;
      case "kafka":
        required(options, "topic", pos, "connector 'kafka'");
        if (!options.containsKey("bootstrap.servers") && !options.containsKey("properties.bootstrap.servers")) {
          throw ErrorMessages.at(pos, "connector 'kafka' needs option 'bootstrap.servers'");
        }
        break;
      case "file":
        required(options, "path", pos, "connector 'file'");
        break;
      case "socket":
        required(options, "host", pos, "connector 'socket'");
        number(options, required(options, "port", pos, "connector 'socket'"), "port", pos);
        break;
      case "rate":
        if (options.containsKey("rowspersecond")) {
          number(options, options.get("rowspersecond"), "rowsPerSecond", pos);
        }
        break;
      default:
        break;
    }
    if (!connector.equals("rate") && !connector.equals("memory")) {
      String format = out.computeIfAbsent("format", k -> connector.equals("socket") ? "text" : "json");
      if (!FORMATS.contains(format)) {
        throw unknown("format", format, FORMATS, pos);
      }
    }
    return out;
  }

  static Map<String, String> checkTable(Map<String, String> options, SqlParserPos pos) {
    String connector = required(options, "connector", pos, "CREATE TABLE");
    if (ProviderTables.handles(connector)) {
      return options;
    }
    if (!connector.equals("file")) {
      java.util.List<String> known = new java.util.ArrayList<>(java.util.List.of("file"));
      known.addAll(dev.eddy.streaming.api.spi.Providers.tableFormats());
      throw ErrorMessages.at(pos, "CREATE TABLE reads static data with 'connector' = " + known.stream()
          .map(k -> "'" + k + "'").collect(java.util.stream.Collectors.joining(" or ")) + ", not '" + connector
          + "'; use CREATE STREAM for a stream");
    }
    required(options, "path", pos, "connector 'file'");
    Map<String, String> out = new LinkedHashMap<>(options);
    String format = out.computeIfAbsent("format", k -> "csv");
    if (!format.equals("csv")) {
      throw ErrorMessages.at(pos, "static tables are read as 'csv' for now, not '" + format + "'");
    }
    return out;
  }


  private static String required(Map<String, String> options, String key, SqlParserPos pos, String who) {
    String v = options.get(key);
    if (v == null || v.isBlank()) {
      throw ErrorMessages.at(pos, who + " needs option '" + key + "'");
    }
    return v;
  }

  private static void number(Map<String, String> options, String value, String key, SqlParserPos pos) {
    try {
      Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ErrorMessages.at(pos, "option '" + key + "' must be a whole number, not '" + value + "'");
    }
  }

  private static RuntimeException unknown(String key, String value, List<String> known, SqlParserPos pos) {
    String hint = NameSuggester.closest(value, known).map(b -> ". Did you mean '" + b + "'?").orElse("");
    SqlException e = ErrorMessages.at(pos, "Unknown " + key + " '" + value + "' (one of " + String.join(", ", known) + ")");
    return new SqlException(e.getMessage() + hint, e.line(), e.column());
  }

}
