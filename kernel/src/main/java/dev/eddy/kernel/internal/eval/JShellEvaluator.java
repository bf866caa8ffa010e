package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * The JShell of the kernel and the one thread that uses it. JShell is not thread-safe, so everything that
 * touches it — start-up, warm-up, cells, completion, inspection — runs as a task on that thread, in order.
 * Only {@link #interrupt()} is called from elsewhere (the control thread). The parts: {@link EvaluatorThread} (the
 * queue, giving up a stuck cell), {@link CellSnippets} (running a cell's Java, errors with cell lines),
 * {@link JavaInsight} (completeness, completion, documentation), {@link StartupVars} (variables kept for cells).
 */
public final class JShellEvaluator implements AutoCloseable {
    private static final Log LOG = Log.of(JShellEvaluator.class);
    private final KernelExecutionControl control = new KernelExecutionControl();
    private final EvaluatorThread thread = new EvaluatorThread(control::parkIfAbandoned);
    /** Declarations of the variables the kernel gives cells, to run again if JShell resets them. */
    private final StartupVars startupVars = new StartupVars();

    private final Future<?> ready;
    // set on the evaluator thread by start(); read there only after ready
    private JShell jshell;
    private CellSnippets snippets;
    private JavaInsight insight;
    /** Counts cells, so a frame can say "this cell" or "an earlier cell". */
    private volatile long cellSerial;

    /** Starts JShell in the background with {@code classpath} and the {@code startup} snippets (imports). */
    public JShellEvaluator(String classpath, List<String> startup, PrintStream log) {
        this.ready = thread.submit(() -> start(classpath, startup, log));
        control.onStuck(thread::abandon);
    }

    private void start(String classpath, List<String> startup, PrintStream log) {
        long t0 = System.nanoTime();
        // -proc:none: javac would otherwise scan the whole (large) class path for annotation processors on
        // every snippet; measured: first snippet ~400 ms -> ~120 ms.
        jshell = JShell.builder()
                .executionEngine(KernelExecutionControl.provider(control), Map.of())
                .compilerOptions("-proc:none")
                .out(log)
                .err(log)
                .build();
        if (!classpath.isEmpty()) {
            jshell.addToClasspath(classpath);
        }
        LOG.debug("JShell built in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        for (String s : startup) {
            long t1 = System.nanoTime();
            List<SnippetEvent> events = jshell.eval(s);
            LOG.debug(s + " took " + (System.nanoTime() - t1) / 1_000_000 + " ms");
            for (SnippetEvent e : events) {
                if (e.status() == Snippet.Status.REJECTED) {
                    LOG.warn("start-up snippet rejected: " + s);
                } else if (e.snippet() instanceof VarSnippet v) {
                    startupVars.remember(v.name(), s);
                }
            }
        }
        snippets = new CellSnippets(jshell, control, startupVars, () -> cellSerial);
        insight = new JavaInsight(jshell);
        LOG.debug("JShell ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /**
     * Compiles and runs a few throw-away snippets so the first real cell finds javac loaded and warm. Each snippet
     * is its own task and is skipped once a request is waiting: warm-up never delays real work by more than one
     * snippet.
     */
    public CompletableFuture<Void> warmUp(List<String> snippets) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        long t0 = System.nanoTime();
        for (String s : snippets) {
            thread.execute(() -> {
                if (!thread.callsWaiting()) {
                    warmUpOne(s);
                }
            });
        }
        thread.execute(() -> {
            if (!thread.callsWaiting()) {
                jshell.sourceCodeAnalysis().completionSuggestions("Strin", 5, new int[1]);
            }
            LOG.debug("warm-up done " + (System.nanoTime() - t0) / 1_000_000 + " ms after it was queued");
            done.complete(null);
        });
        return done;
    }

    /** Runs the warm-up snippets now, all of them, and waits (for the class-data-sharing training run). */
    public void warmUpAndWait(List<String> snippets) throws Exception {
        call(() -> {
            snippets.forEach(this::warmUpOne);
            jshell.sourceCodeAnalysis().completionSuggestions("Strin", 5, new int[1]);
            return null;
        });
    }

    private void warmUpOne(String source) {
        for (SnippetEvent e : jshell.eval(source)) {
            if (e.causeSnippet() == null && e.snippet().kind() != Snippet.Kind.IMPORT) {
                jshell.drop(e.snippet());
            }
        }
    }

    /**
     * Adds a jar or directory to the class path of the cells. Call it on the evaluator thread, as magics run (JShell
     * is not thread-safe, and {@link #call} from that thread would wait for itself).
     */
    public void addToClasspath(String path) throws Exception {
        ready.get();
        jshell.addToClasspath(path);
    }

    /**
     * Runs {@code task} on the evaluator thread and waits for it. A cell given up after an interrupt surfaces here
     * as {@link StuckCell.Abandoned}.
     */
    public <T> T call(Callable<T> task) throws Exception {
        return thread.call(() -> {
            ready.get();
            return task.call();
        });
    }

    /**
     * Waits until no request has used JShell for {@code quietMillis} (none running or queued): background work
     * calls it between its steps so that it runs only while the user is not waiting for a cell.
     */
    public void awaitIdle(long quietMillis) throws InterruptedException {
        thread.awaitIdle(quietMillis);
    }

    /** Waits until JShell has started (or failed to); for background work that should not compete with it. */
    public void awaitReady() {
        try {
            ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("JShell failed to start", e.getCause());
        }
    }

    /**
     * Puts {@code jars} on the cells' class path and returns the class loader that now loads them for cells, so that
     * the kernel can load a library once and share its objects with cells (the Spark engine and its session). Runs on
     * the evaluator thread (a magic calls it); empty if JShell has not loaded a class yet.
     */
    public Optional<ClassLoader> shareWithCells(List<Path> jars) {
        ClassLoader cells = control.cellLoader();
        if (cells == null) {
            return Optional.empty();
        }
        for (Path jar : jars) {
            jshell.addToClasspath(jar.toString());
        }
        return Optional.of(cells);
    }

    /**
     * Declares {@code type name = initializer;} for cells, and declares it again if a cell's redefinition of
     * something it depends on resets it; on the evaluator thread if called from there, else queued on it.
     */
    public void bind(String name, String type, String initializer) {
        onEvaluator(() -> {
            String declaration = type + " " + name + " = " + initializer + ";";
            for (SnippetEvent e : jshell.eval(declaration)) {
                if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                    LOG.warn("could not bind " + name + ": " + declaration);
                    return;
                }
            }
            startupVars.remember(name, declaration);
        });
    }

    /** Removes a variable {@link #bind} declared (a cell that uses it then fails to compile, naming it). */
    public void unbind(String name) {
        onEvaluator(() -> {
            if (!startupVars.forget(name)) {
                return;
            }
            jshell.variables().filter(v -> v.name().equals(name)).forEach(jshell::drop);
        });
    }

    private void onEvaluator(Runnable task) {
        if (thread.isRunningCall()) {
            task.run();
        } else {
            thread.execute(() -> {
                try {
                    ready.get();
                    task.run();
                } catch (Exception e) {
                    LOG.warn("a binding for cells failed", e);
                }
            });
        }
    }

    /** Marks the start of a cell for interrupts; on the shell thread, before the cell is queued for the evaluator. */
    void beginCell() {
        cellSerial++;
        control.beginCell();
    }

    void endCell() {
        control.endCell();
    }

    /** A magic starts (on the evaluator thread); false if an interrupt came first and it must not run. */
    boolean magicEnter() {
        return control.magicEnter();
    }

    void magicLeave() {
        control.magicLeave();
    }

    /** True once if an interrupt stopped what ran last; clears the flag. */
    boolean takeStopped() {
        return control.takeStopped();
    }

    /** Stops the running cell, if any. Safe from any thread. */
    public void interrupt() {
        control.stop();
    }

    /** Runs Java source snippet by snippet; must run on the evaluator thread. {@code firstLine} is for errors. */
    EvalResult runJava(String code, int firstLine) {
        return snippets.run(code, firstLine);
    }

    /** Completeness of Java source; must run on the evaluator thread. */
    String completeness(String code) {
        return insight.completeness(code);
    }

    /** Completion candidates at {@code cursor} (a UTF-16 index); must run on the evaluator thread. */
    Completions complete(String code, int cursor) {
        return insight.complete(code, cursor);
    }

    /** Signatures (and Javadoc where the JDK has sources) at {@code cursor}; on the evaluator thread. */
    List<String> documentation(String code, int cursor) {
        return insight.documentation(code, cursor);
    }

    /** The live value of an active variable declared in a cell; on the evaluator thread. */
    Optional<Object> variable(String name) {
        boolean exists = jshell.variables().map(VarSnippet::name).anyMatch(name::equals);
        if (!exists) {
            return Optional.empty();
        }
        control.resetValue();
        for (SnippetEvent e : jshell.eval(name + ";")) {
            if (e.causeSnippet() == null) {
                jshell.drop(e.snippet());
            }
        }
        Object v = control.lastValue();
        return v == KernelExecutionControl.NO_VALUE ? Optional.empty() : Optional.ofNullable(v);
    }

    @Override
    public void close() {
        thread.close();
    }
}
