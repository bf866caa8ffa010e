package dev.eddy.sql.engine;

import dev.eddy.sql.api.Sql;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.Join;
import dev.eddy.streaming.api.plan.LogicalPlan;
import java.time.Instant;

/**
 * Two streams {@code lefts} and {@code rights} of {@code (ts TIMESTAMP, k STRING, v INT)}, each with a 5 s watermark,
 * registered in a SQL session on a manual clock, for the stream-stream join tests.
 */
final class JoinedStreams {
    private static final Schema EVENTS =
            Schema.of(Field.of("ts", DataType.TIMESTAMP), Field.of("k", DataType.STRING), Field.of("v", DataType.INT));
    /** The join condition: the same key, the right row within 10 s either side of the left one. */
    static final String BOUND =
            " ON l.k = r.k AND r.ts >= l.ts - INTERVAL '10' SECOND AND r.ts <= l.ts + INTERVAL '10' SECOND";

    final Sql sql;
    final MemoryStream lefts;
    final MemoryStream rights;

    JoinedStreams() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        sql = new Sql(eddy);
        lefts = eddy.memoryStream(EVENTS);
        rights = eddy.memoryStream(EVENTS);
        sql.catalog().registerStream("lefts", lefts.toDF().withWatermark("ts", "5 seconds"));
        sql.catalog().registerStream("rights", rights.toDF().withWatermark("ts", "5 seconds"));
    }

    static Instant at(long second) {
        return Instant.ofEpochSecond(second);
    }

    /** The first join in {@code p} from its root down the first children. */
    static Join join(LogicalPlan p) {
        return p instanceof Join j ? j : join(p.children().get(0));
    }
}
