package dev.eddy.streaming.api.function;

import dev.eddy.streaming.api.data.Row;

/** Keeps a row when it returns true. */
@FunctionalInterface
public interface RowPredicate {
    boolean test(Row row);
}
