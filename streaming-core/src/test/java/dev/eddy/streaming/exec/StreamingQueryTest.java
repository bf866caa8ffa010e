package dev.eddy.streaming.exec;

import static dev.eddy.streaming.testing.TimedWords.ev;
import static dev.eddy.streaming.testing.TimedWords.windowedCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.StreamingQueryListener;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.testing.TimedWords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingQueryTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final Eddy eddy = Eddy.builder().clock(clock).build();
    private final MemoryStream in = eddy.memoryStream(TimedWords.SCHEMA);

    @AfterEach
    void stopAll() {
        eddy.streams().stopAll();
    }

    @Test
    void when_queryRuns_then_progressJsonUsesSparkFieldNames() throws Exception {
        StreamingQuery q = windowedCounts(in.toDF())
                .writeStream()
                .outputMode("update")
                .memory("counts")
                .start();
        in.addData(ev(100, "cat"), ev(101, "dog"));
        q.processAllAvailable();
        assertThat(eddy.memoryTable("counts").numRows()).isEqualTo(2);
        QueryProgress p = q.recentProgress().get(0);
        JsonNode json = new ObjectMapper().readTree(p.json());
        assertThat(json.get("id").asText()).isEqualTo(q.id().toString());
        assertThat(json.get("runId").asText()).isEqualTo(q.runId().toString());
        assertThat(json.get("name").asText()).isEqualTo("counts");
        assertThat(json.get("batchId").asLong()).isZero();
        assertThat(json.get("numInputRows").asLong()).isEqualTo(2);
        assertThat(json.has("inputRowsPerSecond")).isTrue();
        assertThat(json.has("processedRowsPerSecond")).isTrue();
        assertThat(json.get("durationMs").fieldNames())
                .toIterable()
                .contains("addBatch", "getBatch", "latestOffset", "queryPlanning", "triggerExecution", "walCommit");
        assertThat(json.get("eventTime").get("max").asText()).isEqualTo("1970-01-01T00:01:41.000Z");
        JsonNode state = json.get("stateOperators").get(0);
        assertThat(state.get("numRowsTotal").asLong()).isEqualTo(2);
        assertThat(state.has("numRowsDroppedByWatermark")).isTrue();
        assertThat(state.has("memoryUsedBytes")).isTrue();
        JsonNode source = json.get("sources").get(0);
        assertThat(source.get("startOffset").asLong()).isZero();
        assertThat(source.get("endOffset").asLong()).isEqualTo(1);
        assertThat(json.get("sink").get("numOutputRows").asLong()).isEqualTo(2);
        assertThat(q.watermark()).contains(Instant.ofEpochSecond(91));
        assertThat(q.stateRows(0).numRows()).isEqualTo(2);
        assertThat(q.explain()).contains("EventTimeWatermark ts").contains("StatefulAggregate");
        assertThat(q.state()).isEqualTo(QueryState.ACTIVE);
        q.stop();
        assertThat(q.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(q.isActive()).isFalse();
    }

    @Test
    void when_queryFails_then_itIsMarkedFailedAndOtherQueriesGoOn() throws Exception {
        Schema out = Schema.of(Field.of("n", DataType.LONG));
        StreamingQuery bad = in.toDF()
                .map(out, r -> {
                    throw new IllegalStateException("boom on " + r.getString("word"));
                })
                .writeStream()
                .memory("bad")
                .start();
        StreamingQuery good =
                in.toDF().select("word").writeStream().memory("good").start();
        in.addData(ev(1, "cat"));
        assertThatThrownBy(() -> bad.awaitTermination(10_000))
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("boom on cat");
        assertThat(bad.state()).isEqualTo(QueryState.FAILED);
        assertThat(bad.exception()).isPresent();
        good.processAllAvailable();
        assertThat(eddy.memoryTable("good").numRows()).isEqualTo(1);
        assertThat(good.isActive()).isTrue();
        assertThat(eddy.streams().active()).containsExactly(good);
    }

    @Test
    void when_listenersAreAdded_then_theyHearStartProgressIdleAndTermination() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch terminated = new CountDownLatch(1);
        eddy.streams().addListener(new StreamingQueryListener() {
            @Override
            public void onQueryStarted(QueryStartedEvent e) {
                events.add("started");
            }

            @Override
            public void onQueryProgress(QueryProgress p) {
                events.add("progress " + p.batchId());
            }

            @Override
            public void onQueryIdle(QueryIdleEvent e) {
                events.add("idle");
            }

            @Override
            public void onQueryTerminated(QueryTerminatedEvent e) {
                events.add("terminated");
                terminated.countDown();
            }
        });
        in.addData(ev(1, "cat"));
        StreamingQuery q = in.toDF().writeStream().memory("words").start();
        q.processAllAvailable();
        q.stop();
        assertThat(terminated.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(events).startsWith("started", "progress 0", "idle").endsWith("terminated");
    }

    @Test
    void when_processingTimeTrigger_then_batchesFollowTheManualClock() throws Exception {
        List<Long> batches = new CopyOnWriteArrayList<>();
        in.addData(ev(1, "a"));
        StreamingQuery q = in.toDF()
                .writeStream()
                .trigger(Trigger.processingTime("5 seconds"))
                .foreachBatch((t, id) -> batches.add(id))
                .start();
        awaitBatches(batches, 1);
        in.addData(ev(2, "b"));
        clock.advance(4_999);
        assertThat(batches).containsExactly(0L);
        clock.advance(1);
        awaitBatches(batches, 2);
        assertThat(batches).containsExactly(0L, 1L);
    }

    private static void awaitBatches(List<Long> batches, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (batches.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            Thread.yield();
        }
        assertThat(batches).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void when_availableNowTrigger_then_queryProcessesEverythingAndTerminates() throws Exception {
        in.addData(ev(1, "a"), ev(2, "b"));
        in.addData(ev(3, "c"));
        StreamingQuery q = in.toDF()
                .writeStream()
                .trigger(Trigger.availableNow())
                .memory("all")
                .start();
        assertThat(q.awaitTermination(10_000)).isTrue();
        assertThat(q.state()).isEqualTo(QueryState.TERMINATED);
        assertThat(eddy.memoryTable("all").numRows()).isEqualTo(3);
    }

    @Test
    void when_onceTrigger_then_exactlyOneBatchRunsAndTheQueryStops() throws Exception {
        in.addData(ev(1, "a"));
        in.addData(ev(2, "b"));
        List<Long> batches = new CopyOnWriteArrayList<>();
        StreamingQuery q = in.toDF()
                .writeStream()
                .trigger(Trigger.once())
                .foreachBatch((t, id) -> batches.add(id))
                .start();
        assertThat(q.awaitTermination(10_000)).isTrue();
        assertThat(batches).containsExactly(0L);
        assertThat(q.lastProgress().numInputRows()).isEqualTo(2);
    }

    @Test
    void when_availableNowOnAnEndlessSource_then_itStopsAtWhatWasAvailableAtStart() throws Exception {
        clock.advance(2_000);
        StreamingQuery q = eddy.readStream()
                .format("rate")
                .option("rowsPerSecond", 10)
                .load()
                .writeStream()
                .trigger(Trigger.availableNow())
                .memory("rate_now")
                .start();
        assertThat(q.awaitTermination(10_000)).isTrue();
        assertThat(eddy.memoryTable("rate_now").numRows()).isZero();
    }

    @Test
    void when_consoleSink_then_batchesArePrintedAsTables() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StreamingQuery q = in.toDF()
                .select("word")
                .writeStream()
                .console(new PrintStream(bytes, true, StandardCharsets.UTF_8))
                .start();
        in.addData(ev(1, "platypus"));
        q.processAllAvailable();
        q.stop();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Batch: 0").contains("platypus");
    }

    @Test
    void when_secondQueryTakesAnActiveName_then_itIsRejected() {
        in.toDF().writeStream().memory("same").start();
        assertThatThrownBy(() -> in.toDF().writeStream().memory("same").start()).hasMessageContaining("already active");
    }

    @Test
    void when_lifecycleMovesBackwards_then_transitionIsNotAllowed() {
        assertThat(QueryState.INITIALIZING.canMoveTo(QueryState.ACTIVE)).isTrue();
        assertThat(QueryState.TERMINATED.canMoveTo(QueryState.ACTIVE)).isFalse();
        assertThat(QueryState.FAILED.next()).isEmpty();
        assertThat(QueryState.ACTIVE.canMoveTo(QueryState.INITIALIZING)).isFalse();
    }
}
