package dev.eddy.streaming.api.function;

import dev.eddy.streaming.api.data.Row;

/** Maps one input row to the values of one output row (in the output schema's column order). */
@FunctionalInterface
public interface RowMapper {
    Object[] map(Row row);
}
