package dev.eddy.sql.internal.catalog;

import dev.eddy.sql.api.Relation;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A catalog entry as a Calcite table. Tables scan a fresh snapshot of their rows; streams are unbounded
 * and are never scanned by Calcite (streaming queries are translated for the engine instead).
 */
public final class RelationTable extends AbstractTable implements ScannableTable {
  private final Relation relation;

  public RelationTable(Relation relation) {
    this.relation = relation;
  }

  public Relation relation() {
    return relation;
  }

  @Override public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return CalciteTypes.rowType(relation.schema(), typeFactory);
  }

  @Override public Enumerable<Object[]> scan(DataContext root) {
    if (relation.isStream()) {
      throw new IllegalStateException("stream '" + relation.name() + "' is unbounded and cannot be scanned");
    }
    return Linq4j.asEnumerable(TablesawSchemas.rowsOf(relation.snapshot().get(), relation.schema()));
  }
}
