package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.sql.api.NameSuggester;
import dev.eddy.streaming.api.spi.TableProvider;
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
    if (!connector.equals("file")) {
      java.util.Optional<TableProvider> provider = TableProvider.find(connector);
      if (provider.isEmpty()) {
        throw ErrorMessages.at(pos, "CREATE TABLE reads static data with 'connector' = 'file' or 'jdbc', not '"
            + connector + "'; use CREATE STREAM for a stream");
      }
      return checkProvided(options, provider.get(), pos);
    }
    required(options, "path", pos, "connector 'file'");
    Map<String, String> out = new LinkedHashMap<>(options);
    String format = out.computeIfAbsent("format", k -> "csv");
    if (!format.equals("csv")) {
      throw ErrorMessages.at(pos, "static tables are read as 'csv' for now, not '" + format + "'");
    }
    return out;
  }


  /** Options of a table read through a TableProvider: only those it reads (and 'connector'). */
  private static Map<String, String> checkProvided(Map<String, String> options, TableProvider p, SqlParserPos pos) {
    for (String key : options.keySet()) {
      boolean known = key.equals("connector") || p.optionNames().stream().anyMatch(n -> n.endsWith(".*")
          ? key.startsWith(n.substring(0, n.length() - 1)) : key.equals(n));
      if (!known) {
        List<String> names = new java.util.ArrayList<>(p.optionNames());
        String hint = NameSuggester.closest(key, names).map(b -> ". Did you mean '" + b + "'?").orElse("");
        SqlException e = ErrorMessages.at(pos, "connector '" + p.connectorName() + "' has no option '" + key
            + "' (its options: " + String.join(", ", new java.util.TreeSet<>(names)) + ")");
        throw new SqlException(e.getMessage() + hint, e.line(), e.column());
      }
    }
    return new LinkedHashMap<>(options);
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
