package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;

/** UNION ALL of inputs with the same column types (by position); names come from the first input. */
public record Union(List<LogicalPlan> inputs) implements LogicalPlan {
    public Union {
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new IllegalArgumentException("a union needs at least two inputs");
        }
        Schema first = inputs.get(0).schema();
        for (LogicalPlan p : inputs) {
            Schema s = p.schema();
            if (s.size() != first.size()) {
                throw new IllegalArgumentException(
                        "union inputs need the same number of columns: " + first + " vs " + s);
            }
            for (int i = 0; i < s.size(); i++) {
                Field a = first.field(i);
                Field b = s.field(i);
                if (a.type() != b.type() || !a.children().equals(b.children())) {
                    throw new IllegalArgumentException(
                            "union column " + (i + 1) + " is " + a + " in the first input but " + b + " in another");
                }
            }
        }
    }

    @Override
    public Schema schema() {
        return inputs.get(0).schema();
    }

    @Override
    public List<LogicalPlan> children() {
        return inputs;
    }

    @Override
    public String describe() {
        return "Union";
    }
}
