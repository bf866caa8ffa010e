package dev.eddy.sql.internal.catalog;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The catalog as one Calcite schema, read afresh on every lookup so DDL takes effect at once. */
public final class CatalogSchema extends AbstractSchema {
  private final SqlCatalog catalog;

  public CatalogSchema(SqlCatalog catalog) {
    this.catalog = catalog;
  }

  @Override protected Map<String, Table> getTableMap() {
    Map<String, Table> tables = new LinkedHashMap<>();
    for (Relation r : catalog.all()) {
      tables.put(r.name(), new RelationTable(r));
    }
    return tables;
  }
}
