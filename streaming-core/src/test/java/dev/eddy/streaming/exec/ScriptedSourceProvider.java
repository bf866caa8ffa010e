package dev.eddy.streaming.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Format {@code scripted-readahead}: a replayable source of consecutive longs (column {@code n}; offset = the
 * number of rows) that takes part in read-ahead. A test appends rows to its {@link Feed}, caps rows per batch, sees
 * every {@code latestOffset} / {@code getBatch} call with the thread that made it, and hooks calls made on the
 * engine's read-ahead thread to pin them inside a batch (latches, no sleeps).
 */
public final class ScriptedSourceProvider implements SourceProvider {
    static final String FORMAT = "scripted-readahead";
    static final Schema SCHEMA = Schema.of(Field.of("n", DataType.LONG));
    private static final Map<String, Feed> FEEDS = new ConcurrentHashMap<>();

    /** A call the engine made: {@code to} is -1 for latestOffset (its {@code from} is the start asked about). */
    record Call(String kind, boolean onReadAheadThread, long from, long to) {}

    /** Runs before a call on the read-ahead thread. */
    interface Hook {
        void before(String kind, long from, long to) throws Exception;
    }

    /** One feed, shared by a test and the sources its queries create. */
    static final class Feed {
        final AtomicLong rows = new AtomicLong();
        final List<Call> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch cancelled = new CountDownLatch(1);
        volatile long cap;
        volatile Hook hook = (k, f, t) -> {};

        Feed add(long n) {
            rows.addAndGet(n);
            return this;
        }

        List<Call> getBatches(boolean onReadAheadThread) {
            return calls.stream()
                    .filter(c -> c.kind().equals("getBatch") && c.onReadAheadThread() == onReadAheadThread)
                    .toList();
        }
    }

    static Feed feed(String id) {
        return FEEDS.computeIfAbsent(id, k -> new Feed());
    }

    static boolean onReadAheadThread() {
        return Thread.currentThread().getName().startsWith("eddy-readahead-");
    }

    @Override
    public String formatName() {
        return FORMAT;
    }

    @Override
    public Source createSource(SourceContext context) {
        return new ScriptedSource(feed(context.requireOption("id")));
    }

    /** A counter source (offset = rows) that records each planning call and hooks those on the read-ahead thread. */
    private static final class ScriptedSource extends CounterSource {
        private final Feed feed;

        ScriptedSource(Feed feed) {
            super(SCHEMA);
            this.feed = feed;
        }

        @Override
        protected long available(TriggerContext trigger) {
            return feed.rows.get();
        }

        @Override
        protected long maxPerTrigger() {
            return feed.cap > 0 ? feed.cap : Long.MAX_VALUE;
        }

        @Override
        protected Batch read(long from, long to) {
            BatchBuilder b = Batch.builder(SCHEMA);
            for (long i = from; i < to; i++) {
                b.setLong(0, i).endRow();
            }
            return b.build();
        }

        @Override
        public Offset latestOffset(Offset start, TriggerContext trigger) {
            long from = ((LongOffset) start).value();
            boolean ahead = onReadAheadThread();
            if (ahead) {
                hook("latestOffset", from, -1);
            }
            Offset end = super.latestOffset(start, trigger);
            feed.calls.add(new Call("latestOffset", ahead, from, -1));
            return end;
        }

        @Override
        public Batch getBatch(Offset start, Offset end) {
            long from = ((LongOffset) start).value();
            long to = ((LongOffset) end).value();
            boolean ahead = onReadAheadThread();
            if (ahead) {
                hook("getBatch", from, to);
            }
            Batch b = super.getBatch(start, end);
            feed.calls.add(new Call("getBatch", ahead, from, to));
            return b;
        }

        private void hook(String kind, long from, long to) {
            try {
                feed.hook.before(kind, from, to);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void cancel() {
            feed.cancelled.countDown();
        }

        @Override
        public boolean supportsReadAhead() {
            return true;
        }

        @Override
        public String description() {
            return "ScriptedSource";
        }
    }
}
