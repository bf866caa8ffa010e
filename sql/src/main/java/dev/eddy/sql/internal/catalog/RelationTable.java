package dev.eddy.sql.internal.catalog;

import dev.eddy.sql.api.Relation;
import java.util.concurrent.CancellationException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
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
    Object[][] rows = TablesawSchemas.rowsOf(relation.snapshot().get(), relation.schema());
    return new AbstractEnumerable<>() {
      @Override public Enumerator<Object[]> enumerator() {
        return new InterruptibleRows(rows);
      }
    };
  }

  /**
   * The snapshot's rows, ending the query when its thread is interrupted: Calcite's enumerable engine has no
   * cancel check of its own in joins and aggregates, and an interrupted cell must not run on for hours. A join
   * reads its outer side row by row, so the check comes at least once per outer row.
   */
  private static final class InterruptibleRows implements Enumerator<Object[]> {
    private final Object[][] rows;
    private int i = -1;

    InterruptibleRows(Object[][] rows) {
      this.rows = rows;
    }

    @Override public Object[] current() {
      return rows[i];
    }

    @Override public boolean moveNext() {
      if (Thread.currentThread().isInterrupted()) {
        throw new CancellationException("the query was interrupted");
      }
      return ++i < rows.length;
    }

    @Override public void reset() {
      i = -1;
    }

    @Override public void close() {
      // nothing to release
    }
  }
}
