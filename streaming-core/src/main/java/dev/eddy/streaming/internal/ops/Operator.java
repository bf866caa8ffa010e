package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/**
 * A physical operator of a query. Operators form a tree; the executor drives them and hands the root's output to
 * the sink. Extend {@link AbstractOperator}, which holds the schema and children.
 *
 * <p>Contract (single-threaded, like a Jet Processor): all calls come from the query's one thread. Once per
 * micro-batch (data and no-data batches alike) the executor calls {@link #process} on every operator, children
 * before parents, passing the outputs its children produced for that batch in {@link #children()} order (none for a
 * leaf). An operator never calls another operator, never blocks or sleeps, and keeps no references to its input
 * batches beyond the call (batches are immutable; it copies the rows it must keep into its state store).
 */
public interface Operator {

    Schema schema();

    /** The operators whose outputs this one reads, in the order {@link #process} receives them. */
    List<Operator> children();

    /** This operator's output for the current micro-batch, from its children's outputs for it. */
    Batch process(List<Batch> inputs, BatchContext ctx);

    /** One line for explain(). */
    String describe();
}
