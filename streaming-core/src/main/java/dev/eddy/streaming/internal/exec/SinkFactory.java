package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.api.spi.SinkContext;
import dev.eddy.streaming.api.spi.SinkProvider;
import dev.eddy.streaming.internal.sink.ConsoleSink;
import dev.eddy.streaming.internal.sink.ForeachBatchSink;
import dev.eddy.streaming.internal.sink.MemorySink;
import dev.eddy.streaming.internal.sink.MemoryTable;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Creates the sink a writer asked for: built-ins (memory, foreachBatch, console) or a registered format. */
final class SinkFactory {
    private SinkFactory() {}

    /** @param resumes whether the query resumes from a checkpoint with committed batches */
    static Sink create(QuerySpec spec, PhysicalPlan plan, boolean resumes) {
        return create(spec, plan, resumes, null);
    }

    /** @param queryId the query's id (stable across restarts from a checkpoint), or null */
    static Sink create(QuerySpec spec, PhysicalPlan plan, boolean resumes, UUID queryId) {
        if (spec.foreachBatch() != null) {
            WriterOptions.check(spec.options(), "foreachBatch", Set.of());
            return new ForeachBatchSink(spec.foreachBatch());
        }
        String format = spec.format() == null ? "memory" : spec.format().toLowerCase(Locale.ROOT);
        switch (format) {
            case "memory" -> {
                WriterOptions.check(spec.options(), "memory", Set.of());
                if (spec.queryName() == null) {
                    throw new IllegalArgumentException(
                            "the memory sink needs a queryName(...): it names the result table");
                }
                MemoryTable old = spec.memoryTables().get(spec.queryName()).orElse(null);
                // a query restarted from its checkpoint keeps its table; replayed batch ids are ignored
                MemoryTable t = resumes
                                && old != null
                                && old.schema().equals(plan.root().schema())
                        ? old
                        : new MemoryTable(plan.root().schema(), plan.keyColumns());
                spec.memoryTables().put(spec.queryName(), t);
                return new MemorySink(spec.queryName(), t);
            }
            case "console" -> {
                WriterOptions.check(spec.options(), "console", Set.of("numRows", "truncate"));
                if (Boolean.parseBoolean(spec.options().getOrDefault("truncate", "false"))) {
                    throw new IllegalArgumentException("the console sink prints whole values: option truncate=true is"
                            + " not supported (leave it out, or set it to false)");
                }
                int rows;
                try {
                    rows = Integer.parseInt(
                            spec.options().getOrDefault("numrows", "20").trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("option numRows must be a whole number, got '"
                            + spec.options().get("numrows") + "'");
                }
                return new ConsoleSink(spec.console() == null ? System.out : spec.console(), rows);
            }
            default -> {
                SinkProvider p = Providers.sink(format);
                if (!p.optionNames().isEmpty()) {
                    WriterOptions.check(spec.options(), "'" + format + "'", p.optionNames());
                }
                if (!p.supportedModes().contains(spec.mode())) {
                    throw new UnsupportedOperationException("sink '" + format + "' does not support " + spec.mode()
                            + " output mode; it supports " + p.supportedModes());
                }
                return p.createSink(new SinkContext(
                        spec.options(),
                        plan.root().schema(),
                        spec.mode(),
                        plan.keyColumns(),
                        Optional.ofNullable(spec.queryName()),
                        spec.clock(),
                        Optional.ofNullable(spec.checkpointLocation()).map(c -> c + "/sinks/0"),
                        Optional.ofNullable(queryId).map(UUID::toString)));
            }
        }
    }

    static Sink createOrWrap(QuerySpec spec, PhysicalPlan plan) {
        return create(spec, plan, false);
    }
}
