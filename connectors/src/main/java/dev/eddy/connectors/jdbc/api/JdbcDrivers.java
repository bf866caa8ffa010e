package dev.eddy.connectors.jdbc.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * JDBC drivers the JDBC sink and tables can use: those on Eddy's class path (PostgreSQL's is bundled), those of the
 * calling thread's context class loader, and those in jars added here at run time. {@code DriverManager} alone would
 * not do: it only hands out drivers its caller's class loader can see, and a jar added to a running kernel is not on
 * the class path Eddy was loaded from.
 */
public final class JdbcDrivers {
    private static final List<ClassLoader> ADDED = new CopyOnWriteArrayList<>();

    private JdbcDrivers() {}

    /**
     * Makes the drivers in {@code jar} (declared in its {@code META-INF/services/java.sql.Driver}) available.
     *
     * @return the driver classes the jar declares (empty if it declares none)
     */
    public static List<String> addJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no such jar: " + jar);
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, JdbcDrivers.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(new IOException("not a jar path: " + jar, e));
        }
        List<String> names = new ArrayList<>();
        for (Driver d : ServiceLoader.load(Driver.class, loader)) {
            if (d.getClass().getClassLoader() == loader) {
                names.add(d.getClass().getName());
            }
        }
        ADDED.add(loader);
        return names;
    }

    /** The class loaders of jars added with {@link #addJar}, newest last. */
    public static List<ClassLoader> addedLoaders() {
        return List.copyOf(ADDED);
    }
}
