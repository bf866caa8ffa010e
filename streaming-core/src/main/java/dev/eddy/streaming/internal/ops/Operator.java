package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.List;

/**
 * A physical operator of a query. Operators form a tree; the root's output goes to the sink.
 *
 * <p>Contract (single-threaded, like a Jet Processor): all calls come from the query's one thread.
 * Call order: {@link #open()} once; then {@link #execute(BatchContext)} exactly once per micro-batch
 * (data and no-data batches alike), where an operator calls {@code execute} on each of its children once
 * and returns its own output for that batch; then {@link #close()} once. An operator never blocks, sleeps
 * or keeps references to its input batches beyond the call (batches are immutable; copying rows it must
 * keep into its own state).
 */
public interface Operator {

    Schema schema();

    List<Operator> children();

    default void open() {
        for (Operator c : children()) {
            c.open();
        }
    }

    /** This operator's output for the current micro-batch. */
    Batch execute(BatchContext ctx);

    default void close() {
        for (Operator c : children()) {
            c.close();
        }
    }

    /** One line for explain(). */
    String describe();
}
