package dev.eddy.magics.internal.sql;

import dev.eddy.magics.internal.chart.ChartSpec;

/**
 * How a query was started from {@code %%sql}; {@code %stream show} and {@code restart} reopen its view the same way.
 */
public record Launch(
        String sql, String name, String mode, String trigger, String checkpoint, ChartSpec chart, int maxRows) {}
