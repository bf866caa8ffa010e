package dev.eddy.magics.internal.sql;

import dev.eddy.magics.internal.args.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The arguments of {@code %%sql}. */
@Command(
        name = "%%sql",
        description = "Runs SQL. A streaming SELECT starts a query whose live view keeps updating"
                + " under the cell; a batch SELECT shows its table; DDL answers with a confirmation.")
public final class SqlOptions {
    @Option(names = "--name", paramLabel = "NAME", description = "query name (also the name of its memory table)")
    public String name;

    @Option(
            names = "--mode",
            paramLabel = "append|update|complete",
            description = "output mode (default: complete for aggregations, else append)")
    public String mode;

    @Option(
            names = "--trigger",
            paramLabel = "2s|available-now|once",
            description = "micro-batch trigger (default: as fast as data arrives)")
    public String trigger;

    @Option(names = "--checkpoint", paramLabel = "DIR", description = "checkpoint directory")
    public String checkpoint;

    @Option(names = "--chart", paramLabel = "line|bar|area|point", description = "also chart the result")
    public String chart;

    @Option(names = "--x", paramLabel = "COL", description = "chart x column (default: window_start or first time)")
    public String x;

    @Option(names = "--y", paramLabel = "COL", description = "chart y column (default: first number)")
    public String y;

    @Option(names = "--color", paramLabel = "COL", description = "chart colour (series) column")
    public String color;

    @Option(names = "--max-rows", paramLabel = "N", description = "rows shown in the table (default 20, at most 10000)")
    public String maxRows = "20";

    /** {@code --max-rows} checked against its bound. */
    public int maxRows() {
        return Sizes.parse("--max-rows", maxRows, 1, Sizes.MAX_ROWS);
    }

    @Option(
            names = "--engine",
            paramLabel = "local|spark",
            description = "where this cell's streaming query runs (default: the %engine of the session)")
    public String engine;
}
