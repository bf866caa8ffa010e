package dev.eddy.sql.internal.spark;

import dev.eddy.sql.api.Relation;
import dev.eddy.sql.internal.catalog.RelationTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;

/**
 * Where Spark computes a batch query's expressions row by row while it plans (its optimizer's ConvertToLocalRelation,
 * which runs before ConstantFolding): a projection or filter directly over a local relation, a table whose rows the
 * session holds (Spark's {@code createDataFrame} of rows, {@code VALUES}; Eddy's table registered from Java and
 * {@code VALUES}), or over such projections and filters. There a constant that fails ({@code CAST('x' AS INT)}) fails
 * only when a row reaches it: under a WHERE no row passes, the query answers with no rows. A projection over a
 * grouped aggregation or a sort of such rows counts too: Spark drops those operators when their input is empty
 * (PropagateEmptyRelation) and fails while folding otherwise, just as a row-by-row computation fails only when a row
 * comes; so does a HAVING (a filter over a grouped aggregation). A file table, a memory sink's table and a join are not local relations in Spark: their constants are folded
 * while planning, and fail whatever the rows.
 */
final class SparkLocalRelations {
    private SparkLocalRelations() {}

    /** Whether Spark computes {@code node}'s expressions row by row over a local relation. */
    static boolean rowByRow(RelNode node) {
        if (!(node instanceof Project || node instanceof Filter)) {
            return false;
        }
        RelNode input = node.getInput(0);
        while (input instanceof Sort || isGrouped(input)) {
            // a projection or HAVING over a grouped aggregation or a sort of such rows: see the class comment
            input = input.getInput(0);
        }
        return local(input) || rowByRow(input);
    }

    private static boolean isGrouped(RelNode n) {
        return n instanceof Aggregate a && !a.getGroupSet().isEmpty();
    }

    private static boolean local(RelNode n) {
        if (n instanceof Values) {
            return true;
        }
        if (!(n instanceof TableScan scan)) {
            return false;
        }
        RelationTable t = scan.getTable().unwrap(RelationTable.class);
        return t != null
                && t.relation().kind() == Relation.Kind.TABLE
                && t.relation().connector().equals("java");
    }
}
