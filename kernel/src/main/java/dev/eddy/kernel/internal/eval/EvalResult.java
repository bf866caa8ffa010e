package dev.eddy.kernel.internal.eval;

import java.util.List;

/** The outcome of one cell. */
public sealed interface EvalResult {
    /** Success; {@code value} is the last expression's value when {@code hasValue}. */
    record Ok(boolean hasValue, Object value) implements EvalResult {
        public static Ok none() {
            return new Ok(false, null);
        }
    }

    /** Failure as Jupyter shows it. */
    record Error(String ename, String evalue, List<String> traceback) implements EvalResult {}
}
