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

    /** Creates a sink for one query run; validate options and throw IllegalArgumentException for bad ones. */
    Sink createSink(SinkContext context);
}
