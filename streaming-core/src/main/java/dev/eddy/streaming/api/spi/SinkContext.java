package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link SinkProvider} gets to create a sink.
 *
 * @param options      the writer's options; keys lower-cased
 * @param schema       the schema of every batch the sink will receive
 * @param outputMode   the query's output mode
 * @param keyColumns   the result's key columns (grouping keys, incl. {@code window}) for UPDATE upserts;
 *                     empty when the result has no key
 * @param queryName    the query's name, if it has one
 * @param clock        the engine clock
 * @param metadataPath a directory for the sink's own metadata (e.g. a file sink's commit log), or empty
 * @param queryId      the query's id, stable across restarts from its checkpoint (a sink that records its own
 *                     progress, e.g. JDBC's progress table, keys it by this id), or empty
 */
public record SinkContext(
        Map<String, String> options,
        Schema schema,
        OutputMode outputMode,
        List<String> keyColumns,
        Optional<String> queryName,
        Clock clock,
        Optional<String> metadataPath,
        Optional<String> queryId) {

    public SinkContext {
        options = Options.normalize(options);
        keyColumns = List.copyOf(keyColumns);
    }

    /** A context without a query id. */
    public SinkContext(
            Map<String, String> options,
            Schema schema,
            OutputMode outputMode,
            List<String> keyColumns,
            Optional<String> queryName,
            Clock clock,
            Optional<String> metadataPath) {
        this(options, schema, outputMode, keyColumns, queryName, clock, metadataPath, Optional.empty());
    }

    public String option(String key, String defaultValue) {
        return Options.get(options, key, defaultValue);
    }

    public String requireOption(String key) {
        return Options.require(options, key);
    }
}
