package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Schema;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one format as a bounded table: {@code eddy.read().format(name)}, SQL's {@code CREATE TABLE ... WITH
 * ('connector' = name)} (batch queries and stream-static joins). Found like {@link SourceProvider}s: with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.eddy.streaming.api.spi.TableProvider}) or
 * {@link Providers#register(TableProvider)}. Stateless; must have a public no-argument constructor.
 */
public interface TableProvider {

    /** The format name, lower case, e.g. "parquet". */
    String formatName();

    /**
     * Opens a table: checks the options (keys lower case) and fixes its schema, the declared one if given, else
     * the data's. Throw an IllegalArgumentException with a clear one-line message for bad options or data.
     */
    StaticTable open(Map<String, String> options, Optional<Schema> declared);
}
