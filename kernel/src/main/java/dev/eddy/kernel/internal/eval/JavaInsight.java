package dev.eddy.kernel.internal.eval;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;

/** What JShell knows about Java code being typed: completeness, completions, documentation. Evaluator thread only. */
final class JavaInsight {
    private final JShell jshell;

    JavaInsight(JShell jshell) {
        this.jshell = jshell;
    }

    /** Completeness of Java source as is_complete_reply names it: complete, incomplete or invalid. */
    String completeness(String code) {
        SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
            switch (ci.completeness()) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "incomplete";
                case UNKNOWN:
                    return "invalid";
                default:
                    rest = ci.remaining();
            }
        }
        return "complete";
    }

    /** Completion candidates at {@code cursor} (a UTF-16 index). */
    Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> s = jshell.sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        List<String> matches = s.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .toList();
        return new Completions(matches, anchor[0] < 0 ? cursor : anchor[0], cursor);
    }

    /** Signatures (and Javadoc where the JDK has sources) at {@code cursor}. */
    List<String> documentation(String code, int cursor) {
        SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
        List<SourceCodeAnalysis.Documentation> docs = sca.documentation(code, cursor, true);
        if (docs.isEmpty()) {
            // "Math.max|" has no documentation in JShell, "Math.max(|" has: look it up as a call.
            int end = identifierEnd(code, cursor);
            String call = code.substring(0, end) + "(";
            docs = sca.documentation(call, call.length(), true);
        }
        return docs.stream()
                .map(d -> d.javadoc() == null || d.javadoc().isBlank()
                        ? d.signature()
                        : d.signature() + "\n\n" + d.javadoc())
                .distinct()
                .toList();
    }

    private static int identifierEnd(String code, int cursor) {
        int i = Math.min(cursor, code.length());
        while (i < code.length() && Character.isJavaIdentifierPart(code.charAt(i))) {
            i++;
        }
        return i;
    }
}
