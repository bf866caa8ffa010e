package dev.eddy.sql.internal.translate;

import dev.eddy.streaming.api.plan.Aggregate;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.plan.Sort;

/** Questions about an engine plan that choose how SQL runs it. */
public final class EnginePlans {
  private EnginePlans() {
  }

  /** True if the plan sorts (then INSERT INTO writes in complete mode, the only mode a sort runs in). */
  public static boolean sorts(LogicalPlan plan) {
    return plan instanceof Sort || plan.children().stream().anyMatch(EnginePlans::sorts);
  }

  /** True if the plan aggregates (then INSERT INTO writes in update mode, else append). */
  public static boolean aggregates(LogicalPlan plan) {
    return plan instanceof Aggregate || plan.children().stream().anyMatch(EnginePlans::aggregates);
  }
}
