package dev.eddy.streaming.internal.ops;

import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/** The schema and children every operator has; subclasses implement {@link #process} and {@link #describe}. */
public abstract class AbstractOperator implements Operator {
    private final Schema schema;
    private final List<Operator> children;

    protected AbstractOperator(Schema schema, Operator... children) {
        this(schema, List.of(children));
    }

    protected AbstractOperator(Schema schema, List<Operator> children) {
        this.schema = schema;
        this.children = List.copyOf(children);
    }

    @Override
    public final Schema schema() {
        return schema;
    }

    @Override
    public final List<Operator> children() {
        return children;
    }

    /** The only (or first) child. */
    protected final Operator child() {
        return children.get(0);
    }
}
