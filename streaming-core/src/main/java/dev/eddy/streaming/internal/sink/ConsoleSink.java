package dev.eddy.streaming.internal.sink;

import dev.eddy.streaming.api.OutputMode;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Sink;
import dev.eddy.streaming.internal.table.Tables;
import java.io.PrintStream;

/** Prints each batch as a text table, like Spark's console sink; at most {@code numRows} rows. */
public final class ConsoleSink implements Sink {
    private final PrintStream out;
    private final int numRows;

    public ConsoleSink(PrintStream out, int numRows) {
        this.out = out;
        this.numRows = numRows;
    }

    @Override
    public void addBatch(long batchId, Batch batch, OutputMode mode) {
        StringBuilder sb = new StringBuilder();
        sb.append("-------------------------------------------\n");
        sb.append("Batch: ").append(batchId).append('\n');
        sb.append("-------------------------------------------\n");
        var table = Tables.toTable("batch", batch);
        sb.append(table.rowCount() > numRows ? table.first(numRows).print() : table.print())
                .append('\n');
        if (table.rowCount() > numRows) {
            sb.append("only showing top ").append(numRows).append(" rows\n");
        }
        out.print(sb);
        out.flush();
    }

    @Override
    public String description() {
        return "ConsoleSink";
    }
}
