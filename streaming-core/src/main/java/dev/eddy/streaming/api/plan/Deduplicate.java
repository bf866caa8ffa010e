package dev.eddy.streaming.api.plan;

import java.util.List;

/**
 * dropDuplicates(columns): keeps the first row per key; all columns when {@code columns} is empty. With
 * {@code withinWatermark} (dropDuplicatesWithinWatermark) a key is remembered only until the watermark passes its first
 * row's event time plus the watermark's delay, so the event time need not be a key for the state to stay bounded.
 */
public record Deduplicate(LogicalPlan child, List<String> columns, boolean withinWatermark) implements SameColumnsPlan {
    public Deduplicate {
        columns = List.copyOf(columns);
        for (String c : columns) {
            child.schema().require(c);
        }
    }

    public Deduplicate(LogicalPlan child, List<String> columns) {
        this(child, columns, false);
    }

    public List<String> keyColumns() {
        return columns.isEmpty() ? child.schema().names() : columns;
    }

    @Override
    public String describe() {
        return (withinWatermark ? "DeduplicateWithinWatermark " : "Deduplicate ") + keyColumns();
    }
}
