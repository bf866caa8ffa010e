package dev.eddy.streaming.api.function;

import dev.eddy.streaming.api.data.Row;

/** Maps one input row to zero or more output rows, emitted through {@code out}. */
@FunctionalInterface
public interface RowFlatMapper {
    void flatMap(Row row, RowEmitter out);
}
