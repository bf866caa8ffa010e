package dev.eddy.sql.api;

import dev.eddy.sql.internal.catalog.TablesawSchemas;
import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The streams and tables SQL can see. Names are case-insensitive and keep the case they were created
 * with. Thread-safe: cells and the kernel's warm-up may use it at the same time.
 */
public final class SqlCatalog {
    private final Map<String, Relation> byKey = new ConcurrentHashMap<>();
    private volatile Eddy memoryTables;
    // session views cannot be removed from the session, so a DROP in SQL hides the view of that name
    private final Set<String> dropped = ConcurrentHashMap.newKeySet();

    /** Adds or replaces an entry. */
    public void put(Relation relation) {
        dropped.remove(key(relation.name()));
        byKey.put(key(relation.name()), relation);
    }

    /** Registers a Tablesaw table from Java; SQL reads its current rows every time it is queried. */
    public void registerTable(String name, Supplier<Table> snapshot) {
        put(Relation.table(name, TablesawSchemas.schemaOf(snapshot.get()), Map.of("connector", "java"), snapshot));
    }

    /** Registers a fixed Tablesaw table from Java. */
    public void registerTable(String name, Table table) {
        registerTable(name, () -> table);
    }

    /** Registers a stream built with the Java API; SQL queries over it extend the Dataset's plan. */
    public void registerStream(String name, Dataset stream) {
        if (!stream.isStreaming()) {
            throw new IllegalArgumentException("'" + name + "' is not a stream; register a Tablesaw table instead");
        }
        put(Relation.javaStream(name, stream.plan()));
    }

    /**
     * Makes the engine session's memory tables (the live results of memory-sink queries) and streaming
     * temp views (Dataset.createOrReplaceTempView) queryable by name, read afresh on every query. Entries
     * created in SQL win over a memory table or view of the same name.
     */
    public void linkMemoryTables(Eddy session) {
        this.memoryTables = session;
    }

    /** The entry as declared, even where a memory sink's results stand in for it (INSERT targets). */
    public Optional<Relation> declared(String name) {
        return Optional.ofNullable(byKey.get(key(name)));
    }

    /**
     * The entry SQL reads for {@code name}. A memory stream that a query writes to (connector 'memory',
     * no 'id' of a Java MemoryStream) is read as its results table once the session has one, as Spark's
     * memory sink is.
     */
    public Optional<Relation> get(String name) {
        Relation r = resolve(byKey.get(key(name)));
        if (r == null && memoryTables != null) {
            for (String t : memoryTables.memoryTableNames()) {
                if (t.equalsIgnoreCase(name)) {
                    return Optional.of(memoryTable(t));
                }
            }
            for (String v : memoryTables.viewNames()) {
                if (v.equalsIgnoreCase(name)
                        && !dropped.contains(key(v))
                        && memoryTables.view(v).isStreaming()) {
                    return Optional.of(
                            Relation.javaStream(v, memoryTables.view(v).plan()));
                }
            }
        }
        return Optional.ofNullable(r);
    }

    private Relation resolve(Relation r) {
        Eddy session = memoryTables;
        if (r != null
                && session != null
                && r.isStream()
                && r.connector().equals("memory")
                && !r.options().containsKey("id")
                && session.memoryTableNames().contains(r.name())) {
            return memoryTable(r.name());
        }
        return r;
    }

    private Relation memoryTable(String name) {
        Eddy session = memoryTables;
        return Relation.table(
                name,
                TablesawSchemas.schemaOf(session.table(name)),
                Map.of("connector", "memory"),
                () -> session.table(name));
    }

    public boolean remove(String name) {
        boolean removed = byKey.remove(key(name)) != null;
        if (removed) {
            dropped.add(key(name));
        }
        return removed;
    }

    /** All entries of one kind, sorted by name. */
    public List<Relation> list(Relation.Kind kind) {
        List<Relation> out = new ArrayList<>();
        for (Relation declared : byKey.values()) {
            Relation r = resolve(declared);
            if (r.kind() == kind) {
                out.add(r);
            }
        }
        if (kind == Relation.Kind.STREAM && memoryTables != null) {
            for (String v : memoryTables.viewNames()) {
                Dataset view = memoryTables.view(v);
                if (!byKey.containsKey(key(v)) && !dropped.contains(key(v)) && view.isStreaming()) {
                    out.add(Relation.javaStream(v, view.plan()));
                }
            }
        }
        if (kind == Relation.Kind.TABLE && memoryTables != null) {
            for (String t : memoryTables.memoryTableNames()) {
                if (!byKey.containsKey(key(t))) {
                    out.add(memoryTable(t));
                }
            }
        }
        out.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return out;
    }

    public List<Relation> all() {
        List<Relation> out = new ArrayList<>(list(Relation.Kind.STREAM));
        out.addAll(list(Relation.Kind.TABLE));
        return out;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
