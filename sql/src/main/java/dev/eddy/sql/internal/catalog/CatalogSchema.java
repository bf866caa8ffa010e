package dev.eddy.sql.internal.catalog;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlCatalog;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BuiltInMethod;
import org.checkerframework.checker.nullness.qual.Nullable;

/** The catalog as one Calcite schema, read afresh on every lookup so DDL takes effect at once. */
public final class CatalogSchema extends AbstractSchema {
    private final SqlCatalog catalog;

    public CatalogSchema(SqlCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * As the planner's root schema it has no parent: its tables are found at the root of the connection that
     * runs a batch plan (BatchRunner puts them there).
     */
    @Override
    public Expression getExpression(@Nullable SchemaPlus parentSchema, String name) {
        if (parentSchema == null) {
            return Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
        }
        return super.getExpression(parentSchema, name);
    }

    /** Spark's type name STRING, for CAST(x AS STRING). */
    @Override
    protected Map<String, RelProtoDataType> getTypeMap() {
        return Map.of("STRING", f -> f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), true));
    }

    @Override
    protected Map<String, Table> getTableMap() {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (Relation r : catalog.all()) {
            tables.put(r.name(), RelationTable.of(r));
        }
        return tables;
    }
}
