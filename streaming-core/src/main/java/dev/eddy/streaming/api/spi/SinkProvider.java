package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.OutputMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates sinks for one format name ({@code writeStream().format(name)}). Found like
 * {@link SourceProvider}s: {@link java.util.ServiceLoader} via
 * {@code META-INF/services/dev.eddy.streaming.api.spi.SinkProvider}, or {@link Providers#register(SinkProvider)}.
 */
public interface SinkProvider {

    String formatName();

    /** The output modes this sink supports; a query with another mode fails at start, naming them. */
    default Set<OutputMode> supportedModes() {
        return EnumSet.allOf(OutputMode.class);
    }

    /**
     * The writer options this sink reads (any case; a name ending in {@code .*} is a prefix, e.g. {@code kafka.*}).
     * Before a query starts the engine refuses every other option, naming it, so a misspelt option is never ignored.
     * The engine's own options ({@code checkpointLocation}, {@code queryName}, ...) need not be listed. An empty set
     * (the default) leaves checking the options to {@link #createSink}.
     */
    default Set<String> optionNames() {
        return Set.of();
    }

    /** Creates a sink for one query run; validate options and throw IllegalArgumentException for bad ones. */
    Sink createSink(SinkContext context);
}
