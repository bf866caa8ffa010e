package dev.eddy.sql.internal.validate;

import dev.eddy.sql.api.Relation;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlNode;

/**
 * A validated query: its tree after validation (identifiers expanded), Calcite's logical plan of the
 * SELECT part, and the catalog entries it reads. {@code sink} is the INSERT target, or null.
 */
public record PlannedQuery(SqlNode validated, RelRoot root, List<Relation> reads, Relation sink) {

    public boolean isStreaming() {
        return reads.stream().anyMatch(Relation::isStream);
    }

    public RelNode rel() {
        return root.project();
    }

    public RelDataType rowType() {
        return root.validatedRowType;
    }
}
