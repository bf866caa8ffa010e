package dev.eddy.sql.internal.translate;

import java.util.Set;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Removes the columns a streaming plan never uses before it is translated, with Calcite's field trimmer:
 * every operator (above all a join, whose state keeps whole input rows) then gets only the columns that
 * something above it reads, as a Java query that selects before it joins. A SELECT item that changes
 * the number of rows ({@code explode}) is kept even when nothing reads it.
 */
public final class FieldTrimming {
    private FieldTrimming() {}

    /**
     * Never merge a Project into the one below it, and never prune an aggregate's input Project: both would drop
     * an explode that nothing reads (the translator composes Projects anyway, so merging gains nothing).
     */
    private static final RelBuilder.Config BUILDER =
            RelBuilder.Config.DEFAULT.withBloat(-1).withPruneInputOfAggregate(false);

    static RelNode trim(RelNode rel) {
        return new Trimmer(rel).trim(rel);
    }

    /**
     * Calcite's trimmer dispatches by reflection to the most specific public {@code trimFields}, so this class
     * must be public for Calcite to call its override.
     */
    public static final class Trimmer extends RelFieldTrimmer {
        Trimmer(RelNode rel) {
            super(null, RelBuilder.proto(Contexts.of(BUILDER)).create(rel.getCluster(), null));
        }

        @Override
        public TrimResult trimFields(Project project, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
            ImmutableBitSet.Builder used = fieldsUsed.rebuild();
            for (int i = 0; i < project.getProjects().size(); i++) {
                if (generatesRows(project.getProjects().get(i))) {
                    used.set(i);
                }
            }
            return super.trimFields(project, used.build(), extraFields);
        }

        private static boolean generatesRows(RexNode e) {
            return e instanceof RexCall call && call.getOperator().getName().equalsIgnoreCase("EXPLODE");
        }
    }
}
