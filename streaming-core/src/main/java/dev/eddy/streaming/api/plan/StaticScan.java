package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import java.util.function.Supplier;

/**
 * A static (batch) table, e.g. a Tablesaw table a stream is joined with. {@code data} is its rows when the plan was
 * made; a table read from an external system also has {@code refresh}, which the running query asks for the current
 * rows before every batch (as Spark re-reads a static side per micro-batch). It returns the same Batch instance while
 * nothing changed (e.g. while cached), and every batch it returns has {@code data}'s schema. Null for fixed data.
 */
public record StaticScan(String name, Batch data, Supplier<Batch> refresh) implements LogicalPlan {

    /** Fixed rows. */
    public StaticScan(String name, Batch data) {
        this(name, data, null);
    }

    @Override
    public Schema schema() {
        return data.schema();
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    public boolean isStreaming() {
        return false;
    }

    @Override
    public String describe() {
        return "StaticScan " + name + " (" + data.numRows() + " rows" + (refresh == null ? "" : ", re-read per batch")
                + ") " + schema();
    }
}
