package dev.eddy.magics.internal.sql;

import dev.eddy.magics.internal.chart.ChartSpec;

/** How a query was started from {@code %%sql}, kept so {@code %stream restart} can start it again. */
public record Launch(String sql, String name, String mode, String trigger, String checkpoint, ChartSpec chart,
    int maxRows) {
}
