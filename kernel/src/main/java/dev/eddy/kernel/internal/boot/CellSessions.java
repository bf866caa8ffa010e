package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.magics.api.RemoteSessions;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Java cells and remote engines: the engine's jars (engine-spark and the Spark Connect client) are loaded by
 * JShell's own class loader, so a cell and the engine share one copy of Spark's classes, and the connected engine's
 * session is bound for cells under the engine's name ({@code spark}, a Spark Connect {@code SparkSession}), as in a
 * Spark shell. Disconnecting removes the variable.
 */
final class CellSessions implements RemoteSessions.Host {
    private final JShellEvaluator cells;

    CellSessions(JShellEvaluator java) {
        this.cells = java;
    }

    @Override
    public Optional<ClassLoader> classLoaderFor(List<Path> jars) {
        return cells.shareWithCells(jars);
    }

    @Override
    public void connected(String name, Object session) {
        String type = publicType(session.getClass()).getCanonicalName();
        cells.bind(name, type, "(" + type + ") " + RemoteSessions.class.getName() + ".current()");
    }

    @Override
    public void disconnected(String name) {
        cells.unbind(name);
    }

    /** The most specific public class of the session (an engine may hand out a private subclass). */
    private static Class<?> publicType(Class<?> c) {
        Class<?> t = c;
        while (t != null && !Modifier.isPublic(t.getModifiers())) {
            t = t.getSuperclass();
        }
        return t == null ? Object.class : t;
    }
}
