package dev.eddy.kernel.internal.display;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.kernel.internal.eval.CellContext;
import dev.eddy.kernel.internal.eval.CellRouting;
import dev.eddy.kernel.internal.eval.StreamBuffer;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;
import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.display.UpdateThrottle;
import dev.eddy.magics.api.render.Renderers;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the display publisher keeps per display goes when the display ends: nothing grows with a long session. */
class DisplaysEndWithTheirSessionTest {
    private final Eddy eddy = Eddy.create();
    // a budget high enough that 1,000 final updates do not queue behind the default 100 per second
    private final EddyRuntime runtime = EddyRuntime.of(eddy, new LiveViews.Settings(250, 100_000, 50));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Message> published = new CopyOnWriteArrayList<>();
    private DisplayPublisher publisher;

    @BeforeEach
    void cell() {
        publisher = new DisplayPublisher(
                published::add, MessageFactory.forThisProcess(), Renderers.withDefaults(), timer, 250, runtime);
        CellRouting.enter(new CellContext(
                Json.object().put("msg_id", "cell-1"),
                new StreamBuffer("stdout", timer, s -> {}),
                new StreamBuffer("stderr", timer, s -> {})));
    }

    @AfterEach
    void end() {
        CellRouting.leave();
        runtime.shutdown();
        timer.shutdownNow();
    }

    @Test
    void when_thousandLiveViewsOpenAndTheirQueriesEnd_then_noViewAndNoDisplayIsKept() {
        MemoryStream in = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
        for (int i = 0; i < 1000; i++) {
            StreamingQuery q =
                    in.toDF().writeStream().foreachBatch((batch, id) -> {}).start();
            publisher.display(q); // display(query) in a Java cell: a live view
            q.stop();
        }
        await(() -> runtime.liveViews().openViews() == 0 && publisher.knownDisplays() == 0);
        assertThat(runtime.liveViews().openViews()).isZero();
        assertThat(publisher.knownDisplays()).isZero();
        // every view showed its first state and sent its final one
        assertThat(published.stream().filter(m -> m.type().equals("display_data")))
                .hasSize(1000);
        assertThat(published.stream().filter(m -> m.type().equals("update_display_data")))
                .hasSizeGreaterThanOrEqualTo(1000);
    }

    @Test
    void when_moreDisplaysThanTheBoundAreShown_then_theOldestAreForgottenAndTheNewestStillUpdate() {
        String first = publisher.display("first");
        String last = null;
        for (int i = 0; i < DisplayPublisher.MAX_DISPLAYS; i++) {
            last = publisher.display("value " + i);
        }
        assertThat(publisher.knownDisplays()).isEqualTo(DisplayPublisher.MAX_DISPLAYS);
        assertThatThrownBy(() -> publisher.updateDisplay(first, "again")).hasMessageContaining("no display with id");
        publisher.updateDisplay(last, "again");
        publisher.flushUpdates();
        assertThat(published.get(published.size() - 1).type()).isEqualTo("update_display_data");
    }

    @Test
    void when_manyDisplaysAreUpdatedOnce_then_theThrottleKeepsOnlyTheRecentlyUpdatedOnes() {
        long[] now = {0};
        UpdateThrottle throttle = new UpdateThrottle((task, delay) -> {}, 250, () -> now[0]);
        for (int i = 0; i < 10_000; i++) {
            throttle.submit("d" + i, () -> {});
            now[0] += TimeUnit.MILLISECONDS.toNanos(1);
        }
        // only displays updated within the last interval (250 ms here: 250 of them) are worth remembering
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * 250 + 64);
    }

    private static void await(BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(
                    TimeUnit.MILLISECONDS.toNanos(5)); // polling with a deadline: views end on their thread
        }
    }
}
