package dev.eddy.sql.internal.ddl;

import dev.eddy.sql.api.NameSuggester;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.validate.ErrorMessages;
import dev.eddy.streaming.api.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Checks WITH options: known connector and format, the options each connector needs, and fills in the
 * default format. Options a connector does not know are kept (connectors have many tuning options).
 */
final class ConnectorOptions {
    static final List<String> STREAM_CONNECTORS = List.of("topic", "kafka", "file", "socket", "rate", "memory");
    static final List<String> FORMATS = List.of("json", "csv", "text");

    /**
     * What CREATE STREAM checks per connector, in this order: its closed set of options ({@code null}: open, the
     * engine's source checks the rest), the options it needs, the ones that must be whole numbers above zero. The
     * path of 'file' is not checked for existence: a remote engine (Spark) reads it on its cluster.
     */
    private record StreamRules(List<String> known, List<String> required, List<String> positive) {}

    private static final Map<String, StreamRules> STREAM_RULES = Map.of(
            "topic", new StreamRules(null, List.of("topic"), List.of()),
            "kafka", new StreamRules(null, List.of("topic"), List.of()),
            "file", new StreamRules(null, List.of("path"), List.of()),
            "socket",
                    new StreamRules(
                            List.of("connector", "host", "port", "format", "includetimestamp"),
                            List.of("host"),
                            List.of("port")),
            "rate",
                    new StreamRules(
                            List.of("connector", "rowspersecond", "numpartitions", "maxrowsperbatch"),
                            List.of(),
                            List.of("rowspersecond", "numpartitions", "maxrowsperbatch")),
            "memory", new StreamRules(List.of("connector", "id"), List.of(), List.of()));

    private ConnectorOptions() {}

    static Map<String, String> checkStream(Map<String, String> options, SqlParserPos pos) {
        String connector = required(options, "connector", pos, "CREATE STREAM");
        if (!STREAM_CONNECTORS.contains(connector)) {
            if (Providers.sourceFormats().contains(connector)) {
                return options; // a format of its own (e.g. 'parquet'): the engine's source checks its options
            }
            throw unknown("connector", connector, STREAM_CONNECTORS, pos);
        }
        Map<String, String> out = new LinkedHashMap<>(options);
        StreamRules rules = STREAM_RULES.get(connector);
        if (rules.known() != null) {
            known(options, rules.known(), pos);
        }
        for (String key : rules.required()) {
            required(options, key, pos, "connector '" + connector + "'");
        }
        for (String key : rules.positive()) {
            positive(options, key, pos);
        }
        if (connector.equals("kafka")
                && !options.containsKey("bootstrap.servers")
                && !options.containsKey("properties.bootstrap.servers")) {
            throw ErrorMessages.at(pos, "connector 'kafka' needs option 'bootstrap.servers'");
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
            List<String> known = new ArrayList<>(List.of("file"));
            known.addAll(Providers.tableFormats());
            throw ErrorMessages.at(
                    pos,
                    "CREATE TABLE reads static data with 'connector' = "
                            + known.stream().map(k -> "'" + k + "'").collect(Collectors.joining(" or ")) + ", not '"
                            + connector
                            + "'; use CREATE STREAM for a stream");
        }
        existing(required(options, "path", pos, "connector 'file'"), pos);
        known(
                options,
                List.of(
                        "connector",
                        "path",
                        "format",
                        "header",
                        "sep",
                        "quote",
                        "escape",
                        "chartoescapequoteescaping",
                        "emptyvalue",
                        "ignoreleadingwhitespace",
                        "ignoretrailingwhitespace",
                        "multiline",
                        "nullvalue",
                        "mode",
                        "columnnameofcorruptrecord",
                        "dateformat",
                        "timestampformat",
                        "enabledatetimeparsingfallback"),
                pos);
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

    /** Options of a connector with a closed set of them: an unknown one is named, with the closest known one. */
    private static void known(Map<String, String> options, List<String> known, SqlParserPos pos) {
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                String hint = NameSuggester.closest(key, known)
                        .map(b -> " (did you mean '" + b + "'?)")
                        .orElse("");
                throw ErrorMessages.at(
                        pos,
                        "Unknown option '" + key + "' for connector '" + options.get("connector") + "'" + hint,
                        "its options are " + String.join(", ", known.subList(1, known.size())));
            }
        }
    }

    /** A whole number above zero, if given (a negative rate is refused at CREATE, not when the query runs). */
    private static void positive(Map<String, String> options, String key, SqlParserPos pos) {
        String value = options.get(key);
        if (value == null) {
            return;
        }
        number(options, value, key, pos);
        if (Long.parseLong(value.trim()) <= 0) {
            throw ErrorMessages.at(
                    pos, "option '" + key + "' must be a whole number above 0, not '" + value.trim() + "'");
        }
    }

    /** The path of a static table must exist when it is created (it is read here, as Spark's reader checks). */
    private static void existing(String path, SqlParserPos pos) {
        boolean exists;
        try {
            exists = Files.exists(Path.of(path));
        } catch (RuntimeException e) {
            exists = false; // not a valid path on this system
        }
        if (!exists) {
            String shown = path.length() > 120 ? path.substring(0, 120) + "..." : path;
            throw ErrorMessages.at(pos, "option 'path': no file or directory '" + shown + "'");
        }
    }

    private static void number(Map<String, String> options, String value, String key, SqlParserPos pos) {
        try {
            Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ErrorMessages.at(pos, "option '" + key + "' must be a whole number, not '" + value + "'");
        }
    }

    private static RuntimeException unknown(String key, String value, List<String> known, SqlParserPos pos) {
        String hint = NameSuggester.closest(value, known)
                .map(b -> ". Did you mean '" + b + "'?")
                .orElse("");
        SqlException e =
                ErrorMessages.at(pos, "Unknown " + key + " '" + value + "' (one of " + String.join(", ", known) + ")");
        return new SqlException(e.getMessage() + hint, e.line(), e.column());
    }
}
