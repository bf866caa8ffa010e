package dev.eddy.magics.internal.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.internal.chart.ChartSpec;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQueryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LiveViewsTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<String> sent = new ArrayList<>(); // display ids, in send order
    private final Map<String, MimeBundle> latest = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private LiveViews views;

    private LiveViews views(long intervalMs, double perSecond) {
        views = new LiveViews(Eddy.create(), new LiveViews.Settings(intervalMs, perSecond, 50), nanos::get, false);
        return views;
    }

    @AfterEach
    void close() {
        if (views != null) {
            views.close();
        }
    }

    private LiveView open(StubQuery q, Table[] result, ChartSpec chart) {
        return views.open(
                q, () -> Optional.ofNullable(result[0]), chart, 20, b -> "d" + ids.incrementAndGet(), (id, b) -> {
                    sent.add(id);
                    latest.put(id, b);
                });
    }

    private void advanceMillis(long ms) {
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(ms));
    }

    private static Table words(String... words) {
        IntColumn n = IntColumn.create("n");
        for (int i = 0; i < words.length; i++) {
            n.append(i + 1);
        }
        return Table.create("t", StringColumn.create("word", words), n);
    }

    @Test
    void when_aBatchEndsWhileTheViewOpens_then_itIsRenderedAgainAfterTheInterval() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        Table[] result = {words("a")};
        // the first state is rendered while batch 0 ends: its progress event came before the view existed
        views.open(
                q,
                () -> Optional.ofNullable(result[0]),
                null,
                20,
                b -> {
                    q.batchEnded(0);
                    result[0] = words("a", "b");
                    return "d" + ids.incrementAndGet();
                },
                (id, b) -> {
                    sent.add(id);
                    latest.put(id, b);
                });
        advanceMillis(300);
        views.tick();
        assertThat(sent).containsExactly("d1");
        assertThat(latest.get("d1").plainText()).contains("b");
        advanceMillis(300);
        views.tick();
        assertThat(sent).hasSize(1); // nothing changed since: nothing more to send
    }

    @Test
    void when_manyChangesArriveWithinInterval_then_onlyLatestIsSentOncePerInterval() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        Table[] result = {words("a")};
        LiveView v = open(q, result, null);
        views.tick(); // the display shows the current state already: nothing to send
        assertThat(sent).isEmpty();
        advanceMillis(300);
        v.markDirty();
        views.tick();
        assertThat(sent).hasSize(1);
        for (int i = 0; i < 10; i++) {
            result[0] = words("a", "b" + i);
            v.markDirty();
            advanceMillis(10);
            views.tick();
        }
        assertThat(sent).hasSize(1); // 100 ms < 250 ms: held back
        advanceMillis(200);
        views.tick();
        assertThat(sent).hasSize(2);
        assertThat(latest.get("d1").data().get("text/html").toString())
                .contains("b9")
                .doesNotContain("b8");
    }

    @Test
    void when_queryStops_then_finalUpdateIsSentAtOnceAndViewCloses() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        Table[] result = {words("a")};
        open(q, result, null);
        result[0] = words("a", "last");
        q.state = QueryState.TERMINATED;
        advanceMillis(1); // well inside the interval: a final update does not wait for it
        views.tick();
        assertThat(sent).hasSize(1);
        assertThat(latest.get("d1").plainText()).contains("TERMINATED").contains("last");
        assertThat(views.openViews()).isZero();
    }

    @Test
    void when_aThousandViewsOpenAndEnd_then_theThrottleKeepsNoneOfThem() {
        views(250, 100_000);
        List<StubQuery> queries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            StubQuery q = new StubQuery("q" + i);
            open(q, new Table[] {words("a")}, null);
            queries.add(q);
        }
        assertThat(views.pacedDisplays()).isEqualTo(1000); // each just showed its first state: paced
        queries.forEach(q -> q.state = QueryState.TERMINATED);
        views.tick();
        assertThat(sent).hasSize(1000);
        assertThat(views.openViews()).isZero();
        assertThat(views.pacedDisplays()).isZero();
    }

    @Test
    void when_thirtyQueriesUpdateConstantly_then_globalRateStaysUnderBudgetAndEveryFinalStateArrives() {
        views(250, 100);
        List<StubQuery> qs = new ArrayList<>();
        List<LiveView> vs = new ArrayList<>();
        Table[] result = {words("a")};
        for (int i = 0; i < 30; i++) {
            StubQuery q = new StubQuery("q" + i);
            qs.add(q);
            vs.add(open(q, result, new ChartSpec(ChartSpec.Kind.BAR, "word", "n", null)));
        }
        // 10 simulated seconds, every view dirty on every 50 ms tick: 30 views x 2 displays x 4/s would be 240/s
        for (int t = 0; t < 200; t++) {
            vs.forEach(LiveView::markDirty);
            advanceMillis(50);
            views.tick();
        }
        int burst = 20;
        assertThat(sent.size()).isLessThanOrEqualTo(100 * 10 + burst + 60);
        assertThat(sent.size()).isGreaterThan(900); // the budget is used, not wasted
        Map<String, Integer> perDisplay = new HashMap<>();
        sent.forEach(id -> perDisplay.merge(id, 1, Integer::sum));
        assertThat(perDisplay).hasSize(60); // no view starves
        sent.clear();
        qs.forEach(StubQuery::stop);
        for (int t = 0; t < 20 && views.openViews() > 0; t++) {
            advanceMillis(50);
            views.tick();
        }
        assertThat(views.openViews()).isZero();
        assertThat(sent).hasSize(60);
        for (int i = 0; i < 30; i++) {
            String tableId = "d" + (2 * i + 1);
            assertThat(latest.get(tableId).plainText()).contains("q" + i + ": TERMINATED");
        }
    }

    @Test
    void when_queryFails_then_finalUpdateShowsTheErrorInPlace() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        open(q, new Table[] {words("a")}, null);
        q.failure = new StreamingQueryException("division by <zero>", null, 3);
        q.state = QueryState.FAILED;
        views.tick();
        String html = latest.get("d1").data().get("text/html").toString();
        assertThat(html).contains("eddy-error").contains("division by &lt;zero&gt;");
        assertThat(latest.get("d1").plainText())
                .contains("ERROR: division by <zero>")
                .contains("FAILED");
        assertThat(views.openViews()).isZero();
    }

    @Test
    void when_viewIsChartOnly_then_onlyTheChartDisplayIsOpenedAndUpdated() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        Table[] result = {words("a")};
        LiveView v = views.open(
                q,
                () -> Optional.of(result[0]),
                new ChartSpec(ChartSpec.Kind.LINE, "n", "n", null),
                0,
                false,
                b -> "d" + ids.incrementAndGet(),
                (id, b) -> {
                    sent.add(id);
                    latest.put(id, b);
                });
        assertThat(ids.get()).isEqualTo(1);
        result[0] = words("a", "b");
        v.markDirty();
        advanceMillis(300);
        views.tick();
        assertThat(sent).containsExactly("d1");
        assertThat(latest.get("d1").data()).containsKey(MimeBundle.IMAGE_PNG).doesNotContainKey("text/html");
    }

    @Test
    void when_chartCannotBeDrawn_then_viewSaysWhyAndStillFinishes() {
        views(250, 100);
        StubQuery q = new StubQuery("q");
        open(q, new Table[] {words("a")}, new ChartSpec(ChartSpec.Kind.LINE, "word", "missing", null));
        q.state = QueryState.TERMINATED;
        views.tick();
        assertThat(latest.get("d2").plainText()).contains("no chart").contains("missing");
        assertThat(views.openViews()).isZero();
    }
}
