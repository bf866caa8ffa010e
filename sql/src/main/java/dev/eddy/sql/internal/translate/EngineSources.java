package dev.eddy.sql.internal.translate;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.internal.catalog.ColumnSnapshot;
import dev.eddy.streaming.api.DataStreamReader;
import dev.eddy.streaming.api.DataStreamWriter;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Project;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.api.plan.Watermark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * Catalog entries as engine plans of one session: a SQL stream is {@code readStream()} with its
 * connector and options (plus withWatermark), a Java stream its own plan, a table a static scan of its
 * current rows. Also makes the writer of an INSERT's sink.
 */
public final class EngineSources implements Function<Relation, LogicalPlan> {
    private final Eddy session;

    public EngineSources(Eddy session) {
        this.session = session;
    }

    @Override
    public LogicalPlan apply(Relation r) {
        if (r.source() != null) {
            return r.source();
        }
        if (!r.isStream() && r.snapshot() instanceof ColumnSnapshot provided) {
            // a provider's table (jdbc, parquet) is read again before every batch of a stream-static join, as Spark
            // re-evaluates a static side per micro-batch; a provider answering from its cache (jdbc's cache.ttl) gives
            // the same batch, and the join keeps its index
            Supplier<Batch> rows = () -> provided.table().read(List.of());
            return new StaticScan(r.name(), rows.get(), rows);
        }
        if (!r.isStream()) {
            Table t = r.snapshot().get().copy();
            t.setName(r.name());
            return session.createDataFrame(t).plan();
        }
        DataStreamReader reader =
                session.readStream().format(ConnectorMapping.format(r)).schema(ConnectorMapping.sourceSchema(r));
        reader.options(ConnectorMapping.sourceOptions(r));
        LogicalPlan plan = declaredNames(reader.load().plan(), r);
        if (r.watermark().isPresent()) {
            plan = new Watermark(
                    plan,
                    r.watermark().get().column(),
                    r.watermark().get().delay().toNanos() / 1000L);
        }
        return plan;
    }

    /**
     * The declared columns of the stream, in declared order. A source that gives every declared column by
     * name (decoded values plus metadata such as {@code _corrupt_record} or {@code offset}) is projected to
     * them; sources with a fixed schema (rate: timestamp, value) keep their own column names, and the
     * stream's declared names are given to them by position, so DDL can name columns freely.
     */
    private static LogicalPlan declaredNames(LogicalPlan plan, Relation r) {
        Schema got = plan.schema();
        Schema declared = r.schema();
        if (got.names().equals(declared.names())) {
            return plan;
        }
        if (got.names().containsAll(declared.names())) {
            List<Expr> byName = new ArrayList<>();
            for (String name : declared.names()) {
                byName.add(new Expr.Col(name));
            }
            return new Project(plan, byName);
        }
        if (got.size() != declared.size()) {
            throw new IllegalArgumentException("connector '" + r.connector() + "' gives the columns " + got
                    + "; declare " + got.size() + " columns for stream '" + r.name() + "'");
        }
        List<Expr> renamed = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            if (got.field(i).type() != declared.field(i).type()) {
                throw new IllegalArgumentException("connector '" + r.connector() + "' gives the columns " + got
                        + "; column " + (i + 1) + " of stream '" + r.name() + "' must be "
                        + got.field(i).type().sqlName());
            }
            renamed.add(new Expr.Alias(
                    new Expr.Col(got.field(i).name()), declared.field(i).name()));
        }
        return new Project(plan, renamed);
    }

    /** A writer of {@code rows} into the sink stream; memory sinks become memory tables of that name. */
    public DataStreamWriter writer(Dataset rows, Relation sink, OutputMode outputMode) {
        DataStreamWriter w = rows.writeStream().outputMode(outputMode).queryName(sink.name());
        if (sink.connector().equals("memory")) {
            return w.memory(sink.name());
        }
        w.format(ConnectorMapping.format(sink));
        Map<String, String> options = ConnectorMapping.sinkOptions(sink);
        if (!sink.isStream()) {
            options.remove("cache.ttl"); // how a table is read, not written
        }
        options.forEach(w::option);
        return w;
    }
}
