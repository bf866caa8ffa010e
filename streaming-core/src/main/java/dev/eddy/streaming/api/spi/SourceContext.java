package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.data.Schema;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link SourceProvider} gets to create a source.
 *
 * @param options      the reader's options; keys are lower-cased (option names are case-insensitive)
 * @param userSchema   at {@code load()}: the schema given with {@code readStream().schema(...)}, if any; when a
 *                     query starts: the schema {@code load()} resolved (so a source keeps the schema the query
 *                     was planned with)
 * @param clock        the engine clock (never read the wall clock directly)
 * @param metadataPath a directory the source may use for its own metadata (a checkpoint's
 *                     {@code sources/<n>}), or empty when the query has no checkpoint location
 */
public record SourceContext(
        Map<String, String> options, Optional<Schema> userSchema, Clock clock, Optional<String> metadataPath) {

    public SourceContext {
        options = Options.normalize(options);
    }

    /** An option's value, or the default. */
    public String option(String key, String defaultValue) {
        return Options.get(options, key, defaultValue);
    }

    /** A required option, or an IllegalArgumentException naming it. */
    public String requireOption(String key) {
        return Options.require(options, key);
    }

    public long longOption(String key, long defaultValue) {
        return Options.getLong(options, key, defaultValue);
    }
}
