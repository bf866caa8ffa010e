package dev.eddy.kernel.internal.eval;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

/**
 * The variables the kernel declares for cells (start-up snippets such as the shared session {@code eddy} and
 * {@code sql}, and {@link JShellEvaluator#bind bindings}), with their declarations.
 */
final class StartupVars {
    private final Map<String, String> declarations = new ConcurrentHashMap<>();

    void remember(String name, String declaration) {
        declarations.put(name, declaration);
    }

    /** False if {@code name} was not one of them. */
    boolean forget(String name) {
        return declarations.remove(name) != null;
    }

    /**
     * JShell re-declares an existing variable when a later snippet (e.g. a cell of imports) changes how its
     * declaration compiles, and a re-declared variable starts again from its default, null. These variables must
     * never silently become null, so their declarations are run again. A user's own redeclaration has no cause
     * snippet and is left alone.
     */
    void restoreAfter(JShell jshell, List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null
                    && e.snippet() instanceof VarSnippet v
                    && declarations.containsKey(v.name())
                    && e.status().isActive()) {
                jshell.eval(declarations.get(v.name()));
            }
        }
    }
}
