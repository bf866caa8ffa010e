package dev.eddy.sql.api;

import dev.eddy.sql.internal.catalog.TablesawSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tech.tablesaw.api.Table;

/**
 * The streams and tables SQL can see. Names are case-insensitive and keep the case they were created
 * with. Thread-safe: cells and the kernel's warm-up may use it at the same time.
 */
public final class SqlCatalog {
  private final Map<String, Relation> byKey = new ConcurrentHashMap<>();

  /** Adds or replaces an entry. */
  public void put(Relation relation) {
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

  public Optional<Relation> get(String name) {
    return Optional.ofNullable(byKey.get(key(name)));
  }

  public boolean remove(String name) {
    return byKey.remove(key(name)) != null;
  }

  /** All entries of one kind, sorted by name. */
  public List<Relation> list(Relation.Kind kind) {
    List<Relation> out = new ArrayList<>();
    for (Relation r : byKey.values()) {
      if (r.kind() == kind) {
        out.add(r);
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
