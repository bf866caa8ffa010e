package dev.eddy.streaming.ops;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.eq;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.plan.StaticScan;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A static table with a refresh supplier (an external table re-read per batch) is joined with its current rows. */
class RefreshedStaticJoinTest {
    private static final Schema USERS = Schema.of(Field.of("name", DataType.STRING), Field.of("city", DataType.STRING));

    private static Batch users(String... nameCity) {
        var b = Batch.builder(USERS);
        for (int i = 0; i < nameCity.length; i += 2) {
            b.addRow(nameCity[i], nameCity[i + 1]);
        }
        return b.build();
    }

    @Test
    void when_theStaticSideChangesBetweenBatches_then_eachBatchJoinsTheRowsOfItsTime() {
        Eddy eddy = Eddy.builder().clock(new ManualClock(0)).build();
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("user", DataType.STRING)));
        AtomicReference<Batch> current = new AtomicReference<>(users("ann", "Oslo"));
        AtomicInteger reads = new AtomicInteger();
        Dataset table = new Dataset(eddy, new StaticScan("users", current.get(), () -> {
            reads.incrementAndGet();
            return current.get();
        }));
        Dataset joined = in.toDF()
                .join(table, eq(col("user"), col("name")), "left_outer")
                .select("user", "city");
        try (QueryTestDriver d = QueryTestDriver.start(joined.writeStream())) {
            in.addData(new Object[] {"ann"}, new Object[] {"bob"});
            assertThat(cities(d.runTrigger().newRows())).containsExactly("ann Oslo", "bob null");
            current.set(users("ann", "Rome", "bob", "Lima"));
            in.addData(new Object[] {"ann"}, new Object[] {"bob"});
            assertThat(cities(d.runTrigger().newRows())).containsExactly("ann Rome", "bob Lima");
        }
        assertThat(reads.get()).as("read once per batch").isEqualTo(2);
    }

    private static List<String> cities(List<Row> rows) {
        return rows.stream().map(r -> r.get(0) + " " + r.get(1)).sorted().toList();
    }
}
