package dev.eddy.kernel.internal.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.testing.RecordingContext;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Cells on a real in-process JShell, for tests: the evaluator, a {@link CellRunner} over it whose magics get a
 * {@link RecordingContext}, and cell contexts whose stdout and stderr go where the test says.
 */
public final class InProcessCells implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final JShellEvaluator java;
    private final CellRunner runner;

    /** JShell on the test class path with the {@code startup} snippets; {@code magics} may register its own. */
    public InProcessCells(List<String> startup, Function<JShellEvaluator, MagicRegistry> magics) {
        StdStreams.install();
        java = new JShellEvaluator(System.getProperty("java.class.path"), startup, System.err);
        runner = new CellRunner(java, magics.apply(java), r -> new RecordingContext(r.magics(), r::variable));
    }

    /** With the built-in magics. */
    public InProcessCells(List<String> startup) {
        this(startup, java -> MagicRegistry.withBuiltins());
    }

    public CellRunner runner() {
        return runner;
    }

    public JShellEvaluator java() {
        return java;
    }

    /** A cell whose stdout and stderr chunks go to {@code out}. */
    public CellContext cell(Consumer<String> out) {
        return new CellContext(
                JsonNodeFactory.instance.objectNode(),
                new StreamBuffer("stdout", timer, out),
                new StreamBuffer("stderr", timer, out));
    }

    /** Runs {@code code} as one cell and flushes its output to {@code out}. */
    public EvalResult run(String code, Consumer<String> out) {
        CellContext c = cell(out);
        EvalResult r = runner.run(code, c);
        c.flush();
        return r;
    }

    @Override
    public void close() {
        java.close();
        timer.shutdownNow();
    }
}
