package dev.eddy.streaming.internal.exec;

import java.util.List;
import java.util.function.Function;

/** A plan tree as indented text, one node a line, as Spark's explain prints it ({@code +- } before each child). */
final class TreeText {
    private TreeText() {}

    static <T> String of(T root, Function<T, String> describe, Function<T, List<T>> children) {
        StringBuilder sb = new StringBuilder();
        append(sb, root, 0, describe, children);
        return sb.toString();
    }

    private static <T> void append(
            StringBuilder sb, T node, int depth, Function<T, String> describe, Function<T, List<T>> children) {
        sb.append("  ".repeat(depth))
                .append(depth > 0 ? "+- " : "")
                .append(describe.apply(node))
                .append('\n');
        for (T c : children.apply(node)) {
            append(sb, c, depth + 1, describe, children);
        }
    }
}
