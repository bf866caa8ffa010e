package dev.eddy.streaming.api.plan;

import java.util.List;

/** dropDuplicates(columns): keeps the first row per key; all columns when {@code columns} is empty. */
public record Deduplicate(LogicalPlan child, List<String> columns) implements SameColumnsPlan {
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
    public String describe() {
        return "Deduplicate " + keyColumns();
    }
}
