package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Schema;
import java.util.Map;
import java.util.Set;

/**
 * Creates sources for one format name, like Spark's DataSourceRegister. Implementations are found with
 * {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dev.eddy.streaming.api.spi.SourceProvider}) or registered explicitly with
 * {@link Providers#register(SourceProvider)}. A provider must have a public no-argument constructor and be
 * stateless; {@code readStream().format(name)} looks it up by {@link #formatName()}.
 */
public interface SourceProvider {

    /** The format name, lower case, e.g. "topic", "csv", "json", "socket". */
    String formatName();

    /**
     * The reader options this source reads (any case; a name ending in {@code .*} is a prefix, e.g. {@code kafka.*}).
     * {@code load()} refuses every other option, naming it, so a misspelt or unsupported option is never ignored.
     * An empty set (the default) leaves checking the options to {@link #createSource}.
     */
    default Set<String> optionNames() {
        return Set.of();
    }

    /**
     * Options Spark's source of this format takes that this one does not (lower-case name to the reason and what to
     * do instead): {@code load()} refuses them with that reason rather than the plain "not an option" message.
     */
    default Map<String, String> unsupportedOptions() {
        return Map.of();
    }

    /**
     * Creates a source for one query run. Validate options here and throw an IllegalArgumentException
     * with a clear message for bad ones. Called on the query's thread when the query starts.
     */
    Source createSource(SourceContext context);

    /**
     * The schema this format would produce for these options, checked when the reader's
     * {@code load()} runs (before any query starts). The default creates a source and asks it; override when
     * creating a source is expensive.
     */
    default Schema inferSchema(SourceContext context) {
        Source s = createSource(context);
        try {
            return s.schema();
        } finally {
            s.stop();
        }
    }
}
