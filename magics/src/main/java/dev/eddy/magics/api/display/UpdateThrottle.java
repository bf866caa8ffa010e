package dev.eddy.magics.api.display;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The one display throttle: limits updates to one per interval per display id, so a tight loop of updates cannot
 * flood the front end. The first update of a quiet display goes out at once.
 *
 * <p>Two ways in, one rule. A caller that has its value ready (a cell's {@code updateDisplay}) uses {@link #submit}:
 * updates in between are coalesced (latest wins) and the trailing one is sent when the interval has passed;
 * {@link #flushAll()} sends everything pending (cell end). A caller that renders at send time (a live view, which
 * renders its query's latest state) asks {@link #isDue} and reports {@link #markSent}, and sends its trailing update
 * itself on its next round; its updates then go out unthrottled ({@code updateDisplayNow}), never throttled twice.
 */
public final class UpdateThrottle {
    private final Scheduler scheduler;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Long> lastSent = new HashMap<>();
    private final Map<String, Runnable> pending = new LinkedHashMap<>();
    private static final int MIN_PRUNE = 64;
    private int pruneAt = MIN_PRUNE;

    /** Runs a task after a delay; a real timer in the kernel, a manual one in tests. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(Runnable task, long delayNanos);

        static Scheduler of(ScheduledExecutorService timer) {
            return (task, delay) -> timer.schedule(task, delay, TimeUnit.NANOSECONDS);
        }
    }

    public UpdateThrottle(Scheduler scheduler, long intervalMillis, LongSupplier nanoClock) {
        this.scheduler = scheduler;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        this.nanoClock = nanoClock;
    }

    /** Sends {@code publish} now if the display was quiet for an interval, else keeps it as the latest pending. */
    public void submit(String displayId, Runnable publish) {
        long now = nanoClock.getAsLong();
        synchronized (this) {
            Long last = lastSent.get(displayId);
            if (last != null && now - last < intervalNanos) {
                boolean scheduled = pending.put(displayId, publish) != null;
                if (!scheduled) {
                    scheduler.schedule(() -> flush(displayId), last + intervalNanos - now);
                }
                return;
            }
            pending.remove(displayId);
            lastSent.put(displayId, now);
            if (lastSent.size() > pruneAt) {
                prune(now);
            }
        }
        publish.run();
    }

    /**
     * For a caller that renders at send time: true if {@code displayId} may be updated now (nothing sent within the
     * last interval). The caller then sends and reports it with {@link #markSent}.
     */
    public synchronized boolean isDue(String displayId) {
        Long last = lastSent.get(displayId);
        return last == null || nanoClock.getAsLong() - last >= intervalNanos;
    }

    /** {@code displayId} was just shown or updated by its caller: its next update waits an interval. */
    public void markSent(String displayId) {
        long now = nanoClock.getAsLong();
        synchronized (this) {
            lastSent.put(displayId, now);
            if (lastSent.size() > pruneAt) {
                prune(now);
            }
        }
    }

    /** The interval between two updates of one display. */
    public long intervalMillis() {
        return TimeUnit.NANOSECONDS.toMillis(intervalNanos);
    }

    /** Drops what is kept about a display that gets no more updates. */
    public synchronized void forget(String displayId) {
        pending.remove(displayId);
        lastSent.remove(displayId);
    }

    /** Displays the throttle keeps a time or a pending update for. */
    public synchronized int tracked() {
        return lastSent.size();
    }

    /**
     * A display quiet for an interval needs no entry (its next update goes out at once), so the map holds only the
     * displays updated within the last interval; pruning when it doubled keeps the cost per update constant.
     */
    private void prune(long now) {
        lastSent.entrySet().removeIf(e -> now - e.getValue() >= intervalNanos && !pending.containsKey(e.getKey()));
        pruneAt = Math.max(MIN_PRUNE, 2 * lastSent.size());
    }

    /** Sends the pending update of every display now. */
    public void flushAll() {
        List<String> ids;
        synchronized (this) {
            ids = List.copyOf(pending.keySet());
        }
        ids.forEach(this::flush);
    }

    /** Sends the pending update of one display now, if there is one. */
    public void flush(String displayId) {
        Runnable p;
        synchronized (this) {
            p = pending.remove(displayId);
            if (p != null) {
                lastSent.put(displayId, nanoClock.getAsLong());
            }
        }
        if (p != null) {
            p.run();
        }
    }
}
