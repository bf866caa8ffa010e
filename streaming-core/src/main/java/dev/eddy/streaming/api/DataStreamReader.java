package dev.eddy.streaming.api;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Scan;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.ReaderOptions;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Builds a streaming Dataset from a registered source format: {@code readStream().format(f).option(k, v).load()}. */
public final class DataStreamReader {
    private final Eddy session;
    private String format;
    private final Map<String, String> options = new LinkedHashMap<>();
    private Schema schema;

    DataStreamReader(Eddy session) {
        this.session = session;
    }

    public DataStreamReader format(String f) {
        this.format = f;
        return this;
    }

    public DataStreamReader option(String key, String value) {
        options.put(key, value);
        return this;
    }

    public DataStreamReader option(String key, long value) {
        return option(key, Long.toString(value));
    }

    public DataStreamReader option(String key, boolean value) {
        return option(key, Boolean.toString(value));
    }

    public DataStreamReader options(Map<String, String> opts) {
        options.putAll(opts);
        return this;
    }

    public DataStreamReader schema(Schema s) {
        this.schema = s;
        return this;
    }

    /** Resolves the format and its schema now, so a bad format or option fails here, not at start. */
    public Dataset load() {
        if (format == null) {
            throw new IllegalArgumentException(
                    "readStream() needs a format(...), e.g. \"rate\", \"topic\", \"csv\"; known: "
                            + Providers.sourceFormats());
        }
        SourceProvider provider = Providers.source(format);
        ReaderOptions.check(options, provider);
        Schema s = provider.inferSchema(
                new SourceContext(options, Optional.ofNullable(schema), session.clock(), Optional.empty()));
        return new Dataset(session, new Scan(format.toLowerCase(Locale.ROOT), options, s));
    }

    /** load() with option "path". */
    public Dataset load(String path) {
        return option("path", path).load();
    }
}
