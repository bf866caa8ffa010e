package dev.eddy.streaming.internal.expr;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;

/** A compiled expression: evaluates a whole batch at once into a column of {@link #type()}. */
public interface Evaluator {

    DataType type();

    /** A column with one value per row of {@code batch}; may return an input column unchanged. */
    Column eval(Batch batch);
}
