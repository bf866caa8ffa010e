package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/**
 * A query shape Spark accepts when the query starts and refuses when its first micro-batch is planned (its physical
 * planning, not its UnsupportedOperationChecker, finds the problem): the query starts as Spark's does and fails its
 * first batch with Spark's message.
 */
public final class RefusedAtRunOp extends AbstractOperator {
    private final String message;

    public RefusedAtRunOp(Schema schema, String message, List<Operator> children) {
        super(schema, children);
        this.message = message;
    }

    @Override
    public Batch process(List<Batch> inputs, BatchContext ctx) {
        throw new UnsupportedOperationException(message);
    }

    @Override
    public String describe() {
        return "Refused at the first batch: " + message;
    }
}
