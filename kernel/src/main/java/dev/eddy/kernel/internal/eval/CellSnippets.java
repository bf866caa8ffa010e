package dev.eddy.kernel.internal.eval;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;

/**
 * Runs the Java of a cell in JShell, snippet by snippet, and remembers where each snippet came from, so that
 * errors and stack frames name lines of cells ("line 3 of this cell"). Used on the evaluator thread only.
 */
final class CellSnippets {
    private static final Set<Snippet.SubKind> VALUE_KINDS = EnumSet.of(
            Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND,
            Snippet.SubKind.VAR_VALUE_SUBKIND,
            Snippet.SubKind.ASSIGNMENT_SUBKIND);
    private final JShell jshell;
    private final KernelExecutionControl control;
    private final StartupVars startupVars;
    /** Snippet id -> where its source came from, so that stack frames name lines of cells. */
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    /** The number of the running cell, so a frame can say "this cell" or "an earlier cell". */
    private final LongSupplier cellSerial;

    private final JavaErrors.SnippetOrigins frameOrigins = this::locate;

    CellSnippets(JShell jshell, KernelExecutionControl control, StartupVars startupVars, LongSupplier cellSerial) {
        this.jshell = jshell;
        this.control = control;
        this.startupVars = startupVars;
        this.cellSerial = cellSerial;
    }

    /** Runs Java source snippet by snippet. {@code firstLine} is the cell line the code starts on, for errors. */
    EvalResult run(String code, int firstLine) {
        SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
        String rest = code;
        EvalResult result = EvalResult.Ok.none();
        while (!rest.isBlank()) {
            int offset = code.length() - rest.length() + leadingBlanks(rest);
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            if (ci.completeness() == Completeness.EMPTY) {
                break;
            }
            if (!ci.completeness().isComplete()) {
                return JavaErrors.incomplete(rest);
            }
            rest = ci.remaining();
            // Without the blank lines before it: JShell numbers a snippet's lines wrongly after a leading newline, and
            // offset already points past them.
            result = runSnippet(ci.source().stripLeading(), code, offset, firstLine);
            if (result instanceof EvalResult.Error) {
                return result;
            }
        }
        return result;
    }

    /**
     * Every snippet goes through javac, even {@code 1 + 1} (~15-20 ms warm, nearly all of a warm execute). A
     * shortcut that evaluates literals itself was considered and rejected: JShell gives every expression a
     * temporary variable ({@code $1}, {@code $2}...) that later cells may use, numbers them with its own counter,
     * and reports overflow, constant folding, string conversion and errors exactly as javac does; skipping
     * javac would break {@code $N} or renumber it. JShell's API offers no way to reuse a compiled snippet either.
     */
    private EvalResult runSnippet(String source, String cell, int offset, int firstLine) {
        control.resetValue();
        List<SnippetEvent> events = jshell.eval(source);
        if (control.takeStopped()) {
            return JavaErrors.interrupted();
        }
        startupVars.restoreAfter(jshell, events);
        int snippetLine = firstLine
                + (int) cell.substring(0, offset).chars().filter(c -> c == '\n').count();
        String text = source.strip().lines().findFirst().orElse("");
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue;
            }
            origins.put(e.snippet().id(), new Origin(cellSerial.getAsLong(), snippetLine, text));
            if (e.status() == Snippet.Status.REJECTED) {
                return JavaErrors.compile(jshell, e.snippet(), cell, offset, firstLine);
            }
            if (e.exception() != null) {
                return JavaErrors.runtime(e.exception(), frameOrigins);
            }
            if (e.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("Note: " + e.snippet().source().strip().split("\n")[0]
                        + " refers to something not yet defined; define it before using this.");
            }
            Object v = control.lastValue();
            if (VALUE_KINDS.contains(e.snippet().subKind()) && v != KernelExecutionControl.NO_VALUE) {
                return new EvalResult.Ok(true, v);
            }
        }
        return EvalResult.Ok.none();
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private String locate(String snippetId, int snippetLine) {
        Origin o = origins.get(snippetId);
        if (o == null) {
            return null;
        }
        int line = o.firstLine() + Math.max(0, snippetLine - 1);
        return o.cell() == cellSerial.getAsLong()
                ? "line " + line + " of this cell"
                : "line " + line + " of an earlier cell: "
                        + (o.text().length() > 60 ? o.text().substring(0, 57) + "..." : o.text());
    }

    private record Origin(long cell, int firstLine, String text) {}
}
