package dev.eddy.magics.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How the host of the magics (the kernel) takes part when a notebook connects to a remote engine
 * ({@code %engine connect spark ...}): it may load the engine's jars where Java cells see them, and it hears about
 * the engine's own session object, which it binds for Java cells (as {@code spark} for Spark). Without a host the
 * engine gets a class loader of its own and nothing is bound.
 *
 * <p>The calls come from the {@code %engine} magic, on the thread that runs cells, in this order:
 * {@link Host#classLoaderFor} once per kernel (before the first engine class loads), then {@link Host#connected}
 * after each connection and {@link Host#disconnected} when it is closed or replaced.
 */
public final class RemoteSessions {
    private static volatile Host host;
    private static volatile Object current;

    private RemoteSessions() {}

    /** The kernel's side. */
    public interface Host {
        /**
         * A class loader that loads {@code jars} (parent first from the magics' own class loader), shared with Java
         * cells; empty to let the engine have one of its own.
         */
        Optional<ClassLoader> classLoaderFor(List<Path> jars);

        /** Connected: {@code session} is the engine's session object, to bind as the variable {@code name}. */
        void connected(String name, Object session);

        /** The session bound as {@code name} is closed: unbind it. */
        void disconnected(String name);
    }

    public static void host(Host h) {
        host = h;
    }

    public static Optional<Host> host() {
        return Optional.ofNullable(host);
    }

    /** The connected engine's session object (for Spark, the Spark Connect {@code SparkSession}); for Java cells. */
    public static Object current() {
        Object s = current;
        if (s == null) {
            throw new IllegalStateException("No remote engine is connected: %engine connect spark sc://host:15002");
        }
        return s;
    }

    /** Called by the {@code %engine} magic when a session opens ({@code session} non-null) or closes (null). */
    public static void changed(String name, Object session) {
        Object before = current;
        current = session;
        Host h = host;
        if (h == null) {
            return;
        }
        if (before != null && session == null) {
            h.disconnected(name);
        } else if (session != null) {
            h.connected(name, session);
        }
    }
}
