package dev.eddy.kernel.internal.eval;

import dev.eddy.magics.api.CellPart;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.MagicSyntax;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs a whole cell: magics are recognised first (execute, is_complete, complete, inspect) and go to the
 * magics registry; Java goes to JShell. Everything runs on the evaluator thread with the cell's output routing.
 * A cell that an interrupt cannot end is given up after a bound and answered with why (a deadlock, where it is
 * stuck); later cells run on a fresh evaluator thread.
 */
public final class CellRunner {
    private final JShellEvaluator java;
    private final MagicRegistry magics;
    private final Function<CellRunner, MagicContext> contextFactory;

    public CellRunner(JShellEvaluator java, MagicRegistry magics, Function<CellRunner, MagicContext> contextFactory) {
        this.java = java;
        this.magics = magics;
        this.contextFactory = contextFactory;
    }

    public MagicRegistry magics() {
        return magics;
    }

    public void interrupt() {
        java.interrupt();
    }

    /** Runs {@code code} for {@code cell}; the result is that of the last part. Never throws for user errors. */
    public EvalResult run(String code, CellContext cell) {
        begin();
        return runBegun(code, cell);
    }

    /**
     * Starts a cell for interrupts: one that arrives from now on stops it, even before its code reaches the
     * evaluator thread or while it compiles. The kernel calls this before it publishes execute_input, since a client
     * may send interrupt_request as soon as it sees that; run the cell next with {@link #runBegun}.
     */
    public void begin() {
        java.beginCell();
    }

    /** Runs {@code code} for {@code cell}, started with {@link #begin()}; as {@link #run}. */
    public EvalResult runBegun(String code, CellContext cell) {
        EvalResult r;
        try {
            r = java.call(() -> runHere(code, cell));
        } catch (StuckCell.Abandoned stuck) {
            r = JavaErrors.notStopped(stuck.getMessage());
        } catch (Exception e) {
            r = JavaErrors.thrown(e);
        } finally {
            java.endCell();
        }
        if (r instanceof EvalResult.Error e
                && (JavaErrors.INTERRUPTED.equals(e.ename()) || JavaErrors.NOT_STOPPED.equals(e.ename()))) {
            StdStreams.reset();
        }
        return r;
    }

    private EvalResult runHere(String code, CellContext cell) {
        CellRouting.enter(cell);
        try {
            List<CellPart> parts =
                    MagicSyntax.hasMagic(code) ? MagicSyntax.split(code) : List.of(new CellPart.Java(code, 1));
            EvalResult result = EvalResult.Ok.none();
            for (CellPart part : parts) {
                result = part instanceof CellPart.Java j ? java.runJava(j.code(), j.line()) : runMagic(part);
                if (result instanceof EvalResult.Error) {
                    break;
                }
            }
            return result;
        } finally {
            CellRouting.leave();
            Thread.interrupted(); // an interrupt that arrived after the cell ended must not hit the next one
        }
    }

    /**
     * Runs a magic as interruptible user code. Whatever it answers after an interrupt (an InterruptedException, a
     * wrapped one, a partial result), the cell reports Interrupted, like a Java cell.
     */
    private EvalResult runMagic(CellPart part) {
        if (!java.magicEnter()) {
            java.takeStopped();
            return JavaErrors.interrupted();
        }
        EvalResult r;
        try {
            r = runMagicHere(part);
        } finally {
            java.magicLeave();
        }
        return java.takeStopped() ? JavaErrors.interrupted() : r;
    }

    private EvalResult runMagicHere(CellPart part) {
        try {
            Object value = magics.run(part, contextFactory.apply(this));
            return new EvalResult.Ok(value != null, value);
        } catch (MagicException e) {
            return new EvalResult.Error("MagicError", e.getMessage(), List.of("MagicError: " + e.getMessage()));
        } catch (Exception e) {
            return JavaErrors.thrown(e);
        }
    }

    /** Jupyter's is_complete status: complete, incomplete or invalid. */
    public String completeness(String code) throws Exception {
        if (MagicSyntax.startsWithMagic(code) && code.stripLeading().startsWith("%%")) {
            return "complete";
        }
        String javaOnly = MagicSyntax.hasMagic(code) ? blankMagicLines(code) : code;
        return java.call(() -> java.completeness(javaOnly));
    }

    /** Completions at a UTF-16 cursor: magic names on a magic line, Java elsewhere. */
    public Completions complete(String code, int cursor) throws Exception {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        String before = code.substring(lineStart, cursor);
        String trimmed = before.stripLeading();
        if (trimmed.startsWith("%") && trimmed.chars().noneMatch(Character::isWhitespace)) {
            boolean cellMagic = trimmed.startsWith("%%");
            String prefix = trimmed.substring(cellMagic ? 2 : 1);
            List<String> names = magics.complete(prefix, cellMagic);
            int start = cursor - prefix.length();
            return new Completions(names, start, cursor);
        }
        if (trimmed.startsWith("%")) {
            // after the magic's name: its options, sub-commands, query/topic names
            boolean cellMagic = trimmed.startsWith("%%");
            String[] nameArgs = trimmed.substring(cellMagic ? 2 : 1).split("\\s", 2);
            String args = nameArgs.length > 1 ? nameArgs[1] : "";
            List<String> matches = magics.completeArgs(nameArgs[0], cellMagic, args);
            return new Completions(
                    matches, cursor - MagicRegistry.lastWord(args).length(), cursor);
        }
        if (code.stripLeading().startsWith("%%") && lineStart > code.indexOf("%%")) {
            // in a cell magic's body (e.g. SQL): keywords and names
            String first = code.stripLeading().substring(2).split("\\s", 2)[0];
            String word = before.substring(before.length() - wordLength(before));
            return new Completions(magics.completeBody(first, word), cursor - word.length(), cursor);
        }
        String javaOnly = MagicSyntax.hasMagic(code) ? blankMagicLines(code) : code;
        return java.call(() -> java.complete(javaOnly, cursor));
    }

    /** Help text at a UTF-16 cursor: magic help on a magic line, Java signatures elsewhere. */
    public List<String> inspect(String code, int cursor) throws Exception {
        int lineStart = code.lastIndexOf('\n', Math.max(0, cursor - 1)) + 1;
        int lineEnd = code.indexOf('\n', cursor);
        String line =
                code.substring(lineStart, lineEnd < 0 ? code.length() : lineEnd).strip();
        if (line.startsWith("%")) {
            boolean cell = line.startsWith("%%");
            String name = line.substring(cell ? 2 : 1).split("\\s+", 2)[0];
            return magics.inspect(name, cell).map(List::of).orElse(List.of());
        }
        String javaOnly = MagicSyntax.hasMagic(code) ? blankMagicLines(code) : code;
        return java.call(() -> java.documentation(javaOnly, cursor));
    }

    private static int wordLength(String before) {
        int i = before.length();
        while (i > 0 && (Character.isLetterOrDigit(before.charAt(i - 1)) || before.charAt(i - 1) == '_')) {
            i--;
        }
        return before.length() - i;
    }

    /** The live value of a cell variable; for magics. Runs on the evaluator thread (callers are already on it). */
    public Optional<Object> variable(String name) {
        return java.variable(name);
    }

    /** Replaces magic lines by blanks of the same length so Java positions stay where they were. */
    static String blankMagicLines(String code) {
        StringBuilder b = new StringBuilder(code.length());
        for (String line : code.split("\n", -1)) {
            b.append(line.stripLeading().startsWith("%") ? " ".repeat(line.length()) : line)
                    .append('\n');
        }
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
