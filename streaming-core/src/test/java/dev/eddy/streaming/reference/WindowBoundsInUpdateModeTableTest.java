package dev.eddy.streaming.reference;

import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.reference.RefRows.at;
import static dev.eddy.streaming.reference.RefRows.hhmm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.streaming.api.Dataset;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import dev.eddy.streaming.testing.QueryTestDriver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * RT-3 with the window struct replaced by its bounds in the final select (the usual notebook and SQL form):
 * the update-mode memory table must still be keyed by (window, word), so it holds every group's latest count.
 */
class WindowBoundsInUpdateModeTableTest {
    private static final Schema WORDS =
            Schema.of(Field.of("timestamp", DataType.TIMESTAMP), Field.of("word", DataType.STRING));
    /** Every group's latest count (Spark 4 counts the 12:25 trigger's (12:04, donkey): see ReferenceCasesTest). */
    private static final List<String> EVERY_GROUP_LATEST = List.of(
            "[11:55,12:05) donkey 1",
            "[12:00,12:10) donkey 1",
            "[12:00,12:10) cat 1",
            "[12:00,12:10) dog 2",
            "[12:00,12:10) owl 1",
            "[12:05,12:15) cat 1",
            "[12:05,12:15) dog 3",
            "[12:05,12:15) owl 2",
            "[12:10,12:20) cat 1",
            "[12:10,12:20) dog 1",
            "[12:10,12:20) owl 2",
            "[12:15,12:25) cat 1",
            "[12:15,12:25) owl 2",
            "[12:20,12:30) owl 1");

    @Test
    void when_windowBoundsReplaceTheWindow_then_updateTableKeepsEveryWindowWordRow() {
        List<String> table = runRt3(counts -> counts.select(
                col("window").getField("start"), col("window").getField("end"), col("word"), col("count")));
        assertThat(table).containsExactlyInAnyOrderElementsOf(EVERY_GROUP_LATEST);
    }

    @Test
    void when_keyColumnsAreRenamed_then_updateTableIsKeyedByTheNewNames() {
        List<String> table = runRt3(counts -> counts.select(
                col("window.start").as("from"),
                col("window.end").as("to"),
                col("word").as("animal"),
                col("count").as("n")));
        assertThat(table).containsExactlyInAnyOrderElementsOf(EVERY_GROUP_LATEST);
    }

    @Test
    void when_partOfTheKeyIsDropped_then_theTableAppendsEveryUpdateInsteadOfOverwritingGroups() {
        // the start alone is not the whole struct key; upserting by word alone would lose rows
        List<String> table = runRt3(counts -> counts.select(col("window.start"), col("word"), col("count")));
        assertThat(table).hasSize(4 + 4 + 8 + 4).contains("12:05 dog 2", "12:05 dog 3", "12:00 dog 1", "12:00 dog 2");
    }

    @Test
    void when_getFieldIsAskedOfANonColumn_then_itSaysWhy() {
        Expr sum = col("a").plus(1);
        Assertions.assertThatThrownBy(() -> sum.getField("start"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a struct column");
    }

    /** Runs RT-3's four triggers into an update-mode memory table and returns that table as text. */
    private static List<String> runRt3(Function<Dataset, Dataset> project) {
        Eddy eddy = Eddy.builder()
                .clock(new ManualClock(at("12:00").toEpochMilli()))
                .noDataBatches(false)
                .build();
        MemoryStream in = eddy.memoryStream(WORDS);
        Dataset counts = ReferenceCasesTest.watermarkedCount(in);
        try (QueryTestDriver d = QueryTestDriver.start(
                project.apply(counts).writeStream().outputMode("update").memory("live"))) {
            for (Object[][] rows : ReferenceCasesTest.rt3Input(false)) {
                in.addData(rows);
                d.runTrigger();
            }
            List<String> out = new ArrayList<>();
            for (Row r : eddy.memoryTable("live")) {
                out.add(text(r));
            }
            return out;
        }
    }

    /** "[start,end) word count", or "start word count" when the end is not selected. */
    private static String text(Row r) {
        if (r.size() == 3) {
            return hhmm(r.getTimestamp(0)) + " " + r.get(1) + " " + r.get(2);
        }
        return "[" + hhmm(r.getTimestamp(0)) + "," + hhmm(r.getTimestamp(1)) + ") " + r.get(2) + " " + r.get(3);
    }
}
