package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;

import java.util.List;

/** dropDuplicates(columns): keeps the first row per key; all columns when {@code columns} is empty. */
public record Deduplicate(LogicalPlan child, List<String> columns) implements LogicalPlan {
    public Deduplicate {
        columns = List.copyOf(columns);
        for (String c : columns) {
            child.schema().require(c);
        }
    }

    public List<String> keyColumns() {
        return columns.isEmpty() ? child.schema().names() : columns;
    }

    @Override
    public Schema schema() {
        return child.schema();
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public String describe() {
        return "Deduplicate " + keyColumns();
    }
}
