package dev.eddy.magics.internal.engine;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.RemoteSessions;
import dev.eddy.sql.api.engine.RemoteEngine;
import dev.eddy.sql.api.engine.RemoteEngineProvider;
import dev.eddy.sql.api.engine.RemoteRun;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The remote engines of one runtime: which engine {@code %%sql} uses by default, the connection, and the queries
 * started on it. Engine implementations (engine-spark and its Spark Connect client, 85 MB) are loaded in a class
 * loader of their own only when a notebook first connects, from the directory named by the system property
 * {@code eddy.engines.dir}, else the environment variable {@code EDDY_ENGINES_DIR}, else {@code engines/} next to
 * the kernel jar; {@code install/eddy.sh --with-spark} fills it.
 */
public final class RemoteEngines {
    /** How many ended remote runs stay listed (as the engine keeps ended queries). */
    static final int MAX_ENDED = 200;

    private static ClassLoader loader;

    private volatile RemoteEngine engine;
    private volatile boolean remoteByDefault;
    private final List<RemoteRun> runs = new CopyOnWriteArrayList<>();

    /** The runtime's remote engines (it owns them and disconnects them when it shuts down). */
    public static RemoteEngines of(EddyRuntime runtime) {
        return runtime.remoteEngines();
    }

    public Optional<RemoteEngine> engine() {
        return Optional.ofNullable(engine);
    }

    public boolean remoteByDefault() {
        return remoteByDefault && engine != null;
    }

    public void useLocal() {
        remoteByDefault = false;
    }

    /** Connects (replacing an earlier connection) and makes the engine the default of {@code %%sql}. */
    public RemoteEngine connect(String name, String url) {
        RemoteEngineProvider provider = provider(name);
        RemoteEngine connected;
        try {
            connected = provider.connect(url);
        } catch (Exception | LinkageError e) { // Spark's Scala code throws checked exceptions undeclared
            throw new MagicException(firstLine(e));
        }
        disconnect();
        engine = connected;
        remoteByDefault = true;
        RemoteSessions.changed(connected.name(), connected.session());
        return connected;
    }

    public void disconnect() {
        RemoteEngine e = engine;
        engine = null;
        remoteByDefault = false;
        runs.clear();
        if (e != null) {
            RemoteSessions.changed(e.name(), null);
            try {
                e.close();
            } catch (RuntimeException ignored) {
                // a lost server has nothing left to close
            }
        }
    }

    /**
     * Records a run: it replaces an earlier run of the same name (the latest run of each name is kept, as the engine
     * keeps its queries), and beyond {@link #MAX_ENDED} ended runs the oldest ended ones are dropped.
     */
    public synchronized void started(RemoteRun run) {
        String name = run.query().name();
        if (name != null) {
            runs.removeIf(r -> name.equals(r.query().name()));
        }
        runs.add(run);
        if (runs.size() <= MAX_ENDED) {
            return; // asking a remote query whether it is active is a call to the server: only when over the bound
        }
        long ended = runs.stream().filter(r -> !r.query().isActive()).count();
        for (RemoteRun r : runs) {
            if (ended <= MAX_ENDED) {
                break;
            }
            if (!r.query().isActive()) {
                runs.remove(r);
                ended--;
            }
        }
    }

    public List<RemoteRun> runs() {
        return List.copyOf(runs);
    }

    public Optional<RemoteRun> run(String name) {
        RemoteRun found = null;
        for (RemoteRun r : runs) {
            if (name.equals(r.query().name())) {
                found = r; // the latest run of that name
            }
        }
        return Optional.ofNullable(found);
    }

    private static RemoteEngineProvider provider(String name) {
        ClassLoader l = engineLoader();
        List<String> names = new ArrayList<>();
        for (RemoteEngineProvider p : ServiceLoader.load(RemoteEngineProvider.class, l)) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        throw new MagicException("No engine '" + name + "'"
                + (names.isEmpty()
                        ? ": the Spark engine is not installed (" + enginesDir() + " has no jars). Install it with"
                                + " install/eddy.sh --with-spark, or point EDDY_ENGINES_DIR at a directory of engine-spark's jars."
                        : "; installed: " + String.join(", ", names)));
    }

    private static synchronized ClassLoader engineLoader() {
        if (loader == null) {
            Path dir = enginesDir();
            List<Path> jars = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
                } catch (IOException e) {
                    throw new MagicException("Cannot read the engines directory " + dir + ": " + e.getMessage());
                }
            }
            // the kernel's JShell loads them when it can, so Java cells see the same Spark classes (one copy)
            Optional<ClassLoader> shared =
                    jars.isEmpty() ? Optional.empty() : RemoteSessions.host().flatMap(h -> h.classLoaderFor(jars));
            // parent first: Eddy's own classes (plans, the SPI) come from the kernel, Spark's from these jars
            loader = shared.orElseGet(
                    () -> new URLClassLoader("eddy-engines", urls(jars), RemoteEngines.class.getClassLoader()));
        }
        return loader;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] out = new URL[jars.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new MagicException("Cannot use the engine jar " + jars.get(i) + ": " + e.getMessage());
            }
        }
        return out;
    }

    static Path enginesDir() {
        String dir = System.getProperty("eddy.engines.dir", System.getenv("EDDY_ENGINES_DIR"));
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        try {
            URL self = RemoteEngines.class.getProtectionDomain().getCodeSource().getLocation();
            return Path.of(self.toURI()).getParent().resolve("engines");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("engines");
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
