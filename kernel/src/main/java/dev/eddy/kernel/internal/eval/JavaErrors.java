package dev.eddy.kernel.internal.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/** Turns JShell's compile diagnostics and exceptions into Jupyter errors with cell positions. */
final class JavaErrors {
    static final String INTERRUPTED = "Interrupted";
    static final String NOT_STOPPED = "CellNotStopped";
    /** JShell's names for the classes of snippets: {@code REPL.$JShell$16}, {@code $JShell$12$Point}. */
    private static final Pattern SNIPPET_CLASS =
            Pattern.compile("(?:\\bREPL\\.)?\\$JShell\\$\\d+(?:\\$([\\w$]+))?(\\.)?");

    private JavaErrors() {}

    static EvalResult.Error interrupted() {
        return new EvalResult.Error(
                INTERRUPTED, "The cell was interrupted.", List.of("Interrupted: the cell was " + "interrupted."));
    }

    /** A cell given up because it did not end after an interrupt (see {@link StuckCell}). */
    static EvalResult.Error notStopped(String message) {
        return new EvalResult.Error(NOT_STOPPED, message, List.of(NOT_STOPPED + ": " + message));
    }

    static EvalResult.Error incomplete(String source) {
        String msg = "incomplete Java statement (missing ';', ')' or '}'?)";
        return new EvalResult.Error("CompilationError", msg, List.of(msg, "    " + firstLine(source)));
    }

    /**
     * A rejected snippet. {@code offset} is where the snippet's source starts in {@code cell}; {@code firstLine}
     * is the 1-based line of {@code cell} in the notebook cell (magic lines may precede it).
     */
    static EvalResult.Error compile(JShell jshell, Snippet snippet, String cell, int offset, int firstLine) {
        List<String> traceback = new ArrayList<>();
        String first = null;
        for (Diag d : jshell.diagnostics(snippet).toList()) {
            if (!d.isError()) {
                continue;
            }
            String msg = d.getMessage(Locale.ROOT);
            first = first == null ? msg : first;
            int pos = (int) Math.max(0, Math.min(cell.length() - offset, d.getStartPosition())) + offset;
            int line = count(cell, pos) + firstLine;
            int lineStart = cell.lastIndexOf('\n', pos - 1) + 1;
            int lineEnd = cell.indexOf('\n', pos);
            String text = cell.substring(lineStart, lineEnd < 0 ? cell.length() : lineEnd);
            traceback.add("Line " + line + ": " + msg);
            traceback.add("    " + text);
            traceback.add("    " + " ".repeat(Math.max(0, pos - lineStart)) + "^");
        }
        if (first == null) {
            first = "the snippet was rejected: " + firstLine(snippet.source());
            traceback.add(first);
        }
        return new EvalResult.Error("CompilationError", first, traceback);
    }

    static EvalResult.Error runtime(JShellException e) {
        return runtime(e, SnippetOrigins.NONE);
    }

    /**
     * An exception a snippet threw: JShell's generated names replaced by the user's, and frames of snippets given as
     * lines of the cell ({@code origins} knows where each snippet came from).
     */
    static EvalResult.Error runtime(JShellException e, SnippetOrigins origins) {
        if (e instanceof UnresolvedReferenceException u) {
            String msg = "'" + u.getSnippet().toString() + "' uses something not yet defined";
            return new EvalResult.Error("UnresolvedReference", msg, List.of(msg));
        }
        EvalException ev = (EvalException) e;
        String ename = ev.getExceptionClassName();
        String evalue = ev.getMessage() == null ? "" : userNames(ev.getMessage());
        List<String> tb = new ArrayList<>();
        addTrace(tb, ev, "", origins);
        return new EvalResult.Error(ename, evalue, tb);
    }

    static EvalResult.Error thrown(Throwable t) {
        String evalue = t.getMessage() == null ? "" : userNames(t.getMessage());
        List<String> tb = new ArrayList<>();
        tb.add(t.getClass().getName() + ": " + evalue);
        for (StackTraceElement f : t.getStackTrace()) {
            tb.add("\tat " + f);
        }
        return new EvalResult.Error(t.getClass().getName(), evalue, tb);
    }

    private static void addTrace(List<String> tb, Throwable ex, String prefix, SnippetOrigins origins) {
        String name = ex instanceof EvalException ev
                ? ev.getExceptionClassName()
                : ex.getClass().getName();
        tb.add(prefix + name + (ex.getMessage() == null ? "" : ": " + userNames(ex.getMessage())));
        for (StackTraceElement f : ex.getStackTrace()) {
            String c = f.getClassName();
            // Frames below the snippet are JShell's and the kernel's own machinery: noise for the user.
            if (c.startsWith("jdk.internal.reflect")
                    || c.startsWith("java.lang.reflect")
                    || c.startsWith("jdk.jshell")
                    || c.startsWith("dev.eddy.kernel.internal")) {
                break;
            }
            tb.add("\tat " + frame(f, origins));
        }
        if (ex.getCause() != null && ex.getCause() != ex) {
            addTrace(tb, ex.getCause(), "Caused by: ", origins);
        }
    }

    /**
     * A frame as the user wrote it. JShell gives a snippet's frames the file name {@code #ID} and the line within
     * the snippet ({@code .f(#25:2)}); they become {@code f (line 4 of this cell)}.
     */
    static String frame(StackTraceElement f, SnippetOrigins origins) {
        String file = f.getFileName();
        String where =
                file != null && file.startsWith("#") ? origins.locate(file.substring(1), f.getLineNumber()) : null;
        if (where == null) {
            return userNames(f.toString());
        }
        String cls = userNames(f.getClassName());
        String method = f.getMethodName();
        String name = cls.isEmpty() || cls.equals("cell") ? method : method.isEmpty() ? cls : cls + "." + method;
        return name.isEmpty() ? where : name + " (" + where + ")";
    }

    /** Where the snippets of this session came from, for stack frames. */
    interface SnippetOrigins {
        SnippetOrigins NONE = (id, line) -> null;

        /** "line 4 of this cell", "line 2 of an earlier cell: void f() {", or null if {@code snippetId} is unknown. */
        String locate(String snippetId, int snippetLine);
    }

    /**
     * Replaces JShell's generated class names by what the user wrote: {@code "REPL.$JShell$16.o" is null} becomes
     * {@code "o" is null}, {@code REPL.$JShell$12$Point} becomes {@code Point}.
     */
    static String userNames(String text) {
        if (text == null || !text.contains("$JShell$")) {
            return text;
        }
        Matcher m = SNIPPET_CLASS.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String nested = m.group(1);
            String replacement =
                    nested != null ? nested + (m.group(2) == null ? "" : ".") : m.group(2) == null ? "cell" : "";
            m.appendReplacement(b, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static int count(String s, int end) {
        int n = 0;
        for (int i = 0; i < end && i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }

    private static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " ...";
    }
}
