package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.RowErrorPolicy;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.function.RowFlatMapper;

/** A user lambda from one row to zero or more rows of {@code schema} (map, flatMap and row filters). */
public record MapRows(
        LogicalPlan child, RowFlatMapper function, Schema schema, String description, RowErrorPolicy onError)
        implements UnaryPlan {

    /** A mapping that fails the query when the lambda throws. */
    public MapRows(LogicalPlan child, RowFlatMapper function, Schema schema, String description) {
        this(child, function, schema, description, RowErrorPolicy.FAIL);
    }

    @Override
    public String describe() {
        return "MapRows " + description + " -> " + schema
                + (onError == RowErrorPolicy.CONTINUE ? " (skips rows it fails on)" : "");
    }
}
