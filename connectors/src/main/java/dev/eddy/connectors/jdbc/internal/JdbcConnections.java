package dev.eddy.connectors.jdbc.internal;

import dev.eddy.connectors.jdbc.api.JdbcDrivers;
import dev.eddy.streaming.api.spi.Secrets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens connections with the first driver that accepts the URL, looked up without {@code DriverManager}'s
 * class-loader check: Eddy's own class path, the thread's context class loader, then jars added with
 * {@link JdbcDrivers#addJar}. With option {@code driver} that class is used.
 */
final class JdbcConnections {
    private JdbcConnections() {}

    static Connection open(JdbcOptions o) {
        Driver d = driver(o);
        try {
            Connection c = d.connect(o.url(), o.connection());
            if (c == null) {
                throw new IllegalArgumentException(
                        "the JDBC driver " + d.getClass().getName() + " does not accept " + o.safeUrl());
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot connect to " + o.safeUrl() + ": " + Secrets.scrub(e.getMessage(), o.secrets()), null);
        }
    }

    private static Driver driver(JdbcOptions o) {
        Map<String, Driver> drivers = new LinkedHashMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(JdbcConnections.class.getClassLoader());
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.addAll(JdbcDrivers.addedLoaders());
        for (ClassLoader cl : loaders) {
            if (o.driver() != null) {
                try {
                    Class<?> c = Class.forName(o.driver(), true, cl);
                    return (Driver) c.getDeclaredConstructor().newInstance();
                } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                    continue;
                }
            }
            try {
                for (Driver d : ServiceLoader.load(Driver.class, cl)) {
                    drivers.putIfAbsent(d.getClass().getName(), d);
                }
            } catch (ServiceConfigurationError e) {
                // a broken driver jar must not hide the others
            }
        }
        if (o.driver() != null) {
            throw new IllegalArgumentException("JDBC driver class '" + o.driver() + "' is not on the class path;"
                    + " add its jar (%jars add <path.jar> in a notebook)");
        }
        for (Driver d : drivers.values()) {
            try {
                if (d.acceptsURL(o.url())) {
                    return d;
                }
            } catch (SQLException e) {
                // this driver cannot tell: try the next
            }
        }
        try {
            return DriverManager.getDriver(o.url());
        } catch (SQLException e) {
            String scheme = o.url().split(":").length > 1 ? o.url().split(":")[1] : o.url();
            throw new IllegalArgumentException("no JDBC driver for '" + scheme + "' URLs (" + o.safeUrl()
                    + "); Eddy bundles PostgreSQL's; add another driver's jar with %jars add <path.jar>");
        }
    }
}
