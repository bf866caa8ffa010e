package dev.eddy.sql.internal.catalog;

import dev.eddy.sql.api.Relation;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractTable;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A catalog entry as a Calcite table. Tables scan a fresh snapshot of their rows; streams are unbounded
 * and are never scanned by Calcite (streaming queries are translated for the engine instead).
 */
public class RelationTable extends AbstractTable {
    private final Relation relation;

    RelationTable(Relation relation) {
        this.relation = relation;
    }

    /**
     * The Calcite table of a catalog entry: one whose rows a format provider reads by column
     * ({@link ColumnSnapshot}) lets Calcite push the query's projection into the scan, so only the columns the query
     * uses are read (a Parquet table decodes nothing else).
     */
    public static Table of(Relation relation) {
        if (relation.snapshot() instanceof ColumnSnapshot) {
            return new PrunedTable(relation);
        }
        return new PlainTable(relation);
    }

    public Relation relation() {
        return relation;
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory) {
        return CalciteTypes.rowType(relation.schema(), typeFactory);
    }

    /** Every column of every row. */
    private static final class PlainTable extends RelationTable implements ScannableTable {
        PlainTable(Relation relation) {
            super(relation);
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            return scanAll();
        }
    }

    Enumerable<Object[]> scanAll() {
        if (relation.isStream()) {
            throw new IllegalStateException("stream '" + relation.name() + "' is unbounded and cannot be scanned");
        }
        return enumerable(TablesawSchemas.rowsOf(relation.snapshot().get(), relation.schema()));
    }

    static Enumerable<Object[]> enumerable(Object[][] rows) {
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<Object[]> enumerator() {
                return new InterruptibleRows(rows);
            }
        };
    }

    /**
     * The snapshot's rows, ending the query when its thread is interrupted: Calcite's enumerable engine has no
     * cancel check of its own in joins and aggregates, and an interrupted cell must not run on for hours. A join
     * reads its outer side row by row, so the check comes at least once per outer row.
     */
    /** A table whose scans read only the projected columns. */
    private static final class PrunedTable extends RelationTable implements ProjectableFilterableTable {
        PrunedTable(Relation relation) {
            super(relation);
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int @Nullable [] projects) {
            Relation relation = relation();
            Schema schema = relation.schema();
            if (projects != null) {
                List<Field> fields = new ArrayList<>();
                for (int p : projects) {
                    fields.add(schema.field(p));
                }
                schema = Schema.of(fields);
            }
            ColumnSnapshot snapshot = (ColumnSnapshot) relation.snapshot();
            tech.tablesaw.api.Table t = projects == null ? snapshot.get() : snapshot.get(schema.names());
            return enumerable(TablesawSchemas.rowsOf(t, schema)); // filters stay with Calcite, which applies them
        }
    }

    private static final class InterruptibleRows implements Enumerator<Object[]> {
        private final Object[][] rows;
        private int i = -1;

        InterruptibleRows(Object[][] rows) {
            this.rows = rows;
        }

        @Override
        public Object[] current() {
            return rows[i];
        }

        @Override
        public boolean moveNext() {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("the query was interrupted");
            }
            return ++i < rows.length;
        }

        @Override
        public void reset() {
            i = -1;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
