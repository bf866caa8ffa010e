package dev.eddy.streaming.internal.source.socket;

import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import java.util.Set;

/** Format {@code socket}. Options: {@code host} (default localhost), {@code port} (required), {@code includeTimestamp}. */
public final class SocketSourceProvider implements SourceProvider {

    @Override
    public String formatName() {
        return "socket";
    }

    /** Spark's options; {@code format} (text) is what SQL's socket connector passes. */
    @Override
    public Set<String> optionNames() {
        return Set.of("host", "port", "includeTimestamp", "format");
    }

    @Override
    public Source createSource(SourceContext ctx) {
        checkFormat(ctx);
        long port = ctx.longOption("port", -1);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the socket source needs option 'port' between 1 and 65535");
        }
        return new SocketSource(
                ctx.option("host", "localhost"),
                (int) port,
                Boolean.parseBoolean(ctx.option("includeTimestamp", "false")),
                ctx.clock());
    }

    /** The schema without connecting (reading the schema at load() must not open a socket). */
    @Override
    public Schema inferSchema(SourceContext ctx) {
        checkFormat(ctx);
        return Boolean.parseBoolean(ctx.option("includeTimestamp", "false"))
                ? Schema.of(Field.of("value", DataType.STRING), Field.of("timestamp", DataType.TIMESTAMP))
                : Schema.of(Field.of("value", DataType.STRING));
    }

    private static void checkFormat(SourceContext ctx) {
        String format = ctx.option("format", "text").trim();
        if (!format.equalsIgnoreCase("text")) {
            throw new IllegalArgumentException("the socket source reads text lines (format 'text'), not '" + format
                    + "'; parse them in the query (e.g. from_json or split)");
        }
    }
}
