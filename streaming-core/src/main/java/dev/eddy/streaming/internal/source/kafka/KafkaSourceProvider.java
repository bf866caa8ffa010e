package dev.eddy.streaming.internal.source.kafka;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.internal.format.ColumnSpec;
import dev.eddy.streaming.internal.format.CsvOptions;
import dev.eddy.streaming.internal.format.TextFormats;

import java.util.List;

/** Registers format {@code kafka}. */
public final class KafkaSourceProvider implements SourceProvider {
    @Override
    public String formatName() {
        return "kafka";
    }

    @Override
    public Source createSource(SourceContext context) {
        return new KafkaSource(KafkaSourceOptions.from(context), reader(context));
    }

    /** Raw records, or values decoded as json/csv with a declared schema ({@code .schema(...)}). */
    static KafkaRowReader reader(SourceContext ctx) {
        String format = ctx.option("valueFormat", null);
        if (format == null || format.equalsIgnoreCase("text")) {
            return new KafkaRowReader();
        }
        if (ctx.userSchema().isEmpty()) {
            throw new IllegalArgumentException("option valueFormat=" + format + " needs the value schema: declare it "
                    + "with .schema(...) on the reader");
        }
        CsvOptions csv = CsvOptions.from(ctx.options());
        List<ColumnSpec> cols = TextFormats.declaredColumns(ctx.userSchema().get());
        return new KafkaRowReader(cols, TextFormats.parser(format, cols, csv));
    }

    @Override
    public Schema inferSchema(SourceContext context) {
        KafkaSourceOptions.from(context); // validate options when load() runs, without contacting the broker
        return reader(context).schema();
    }
}
