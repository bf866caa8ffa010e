package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Schema;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Static (bounded) tables read from an external system, for batch SQL and stream-static joins: SQL's
 * {@code CREATE TABLE t (...) WITH ('connector' = name, ...)}. Found with {@link ServiceLoader}
 * ({@code META-INF/services/dev.eddy.streaming.api.spi.TableProvider}).
 */
public interface TableProvider {

    /** The {@code connector} option value, e.g. {@code jdbc}. */
    String connectorName();

    /** The options this connector reads (lower case); others are refused, naming them. */
    Set<String> optionNames();

    /**
     * Checks the options and the declared schema against the external table now (IllegalArgumentException naming
     * the option or column that is wrong; never a credential) and returns its reader. Each {@code get()} gives the
     * table's current rows in the declared schema; it returns the same Batch instance while the rows are cached, so
     * a caller can tell a re-read from a cached answer by identity.
     */
    Supplier<Batch> open(String tableName, Map<String, String> options, Schema declared);

    /** The provider for {@code connector}, if one is on the class path. */
    static Optional<TableProvider> find(String connector) {
        String wanted = connector.toLowerCase(Locale.ROOT);
        for (ClassLoader cl : new ClassLoader[]{TableProvider.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (cl == null) {
                continue;
            }
            for (TableProvider p : ServiceLoader.load(TableProvider.class, cl)) {
                if (p.connectorName().equalsIgnoreCase(wanted)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
