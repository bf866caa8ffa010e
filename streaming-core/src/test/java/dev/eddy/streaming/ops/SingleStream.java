package dev.eddy.streaming.ops;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;

/** One memory stream on a manual clock and queries over it run for one trigger: the set-up of function tests. */
final class SingleStream {
    final MemoryStream in;

    SingleStream(Field... fields) {
        in = Eddy.builder().clock(new ManualClock(0)).build().memoryStream(Schema.of(fields));
    }

    /** Starts {@code d} in output mode {@code mode}, adds {@code rows}, runs one trigger and returns the result. */
    List<Row> run(Dataset d, String mode, Object[]... rows) {
        try (QueryTestDriver q = QueryTestDriver.start(d.writeStream().outputMode(mode))) {
            in.addData(rows);
            q.runTrigger();
            return q.result();
        }
    }
}
