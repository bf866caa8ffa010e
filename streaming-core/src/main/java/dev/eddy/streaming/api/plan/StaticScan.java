package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.List;

/** A static (batch) table, e.g. a Tablesaw table a stream is joined with. */
public record StaticScan(String name, Batch data) implements LogicalPlan {
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
        return "StaticScan " + name + " (" + data.numRows() + " rows) " + schema();
    }
}
