package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.TriggerContext;

/**
 * When {@link MicroBatchExecutor} reads ahead, and which of what was read ahead a batch uses: the executor's side of
 * {@link ReadAhead} (which owns the thread).
 *
 * <p>Call order (query thread): {@link #collect} at the start of every trigger; {@link #claim} while the batch
 * reads its input, or {@link #drop} when the trigger runs no batch; {@link #start} once the batch's input is read;
 * {@link #close} when the query ends. {@link #cancel} may be called from any thread.
 *
 * <p>Back-off after a dropped read-ahead: the next {@code skip} batches read nothing ahead, and every drop in a row
 * doubles the pause (up to {@link #MAX_BACKOFF}). An uncapped source that keeps receiving data plans a longer range
 * than any read ahead; reading it anyway would only cost CPU.
 */
final class ReadAheadSchedule {
    private static final int MAX_BACKOFF = 64;

    private final String queryName;
    /** Reads the next batch's input during this batch; null until a batch asks for it (or no source can). */
    private volatile ReadAhead readAhead;
    /** What the last read-ahead read, for the batch being planned. */
    private ReadAhead.Range[] pending;
    /** Whether the batch being run should read the next one ahead, and whether it ignores per-trigger limits. */
    private boolean wanted;

    private boolean allAvailable;
    private int backoff;
    private int skip;

    ReadAheadSchedule(String queryName) {
        this.queryName = queryName;
    }

    /**
     * A trigger starts: waits for what the previous batch read ahead, if anything, and keeps it for this trigger's
     * batch. {@code readAheadNext}: this trigger's batch reads the next one ahead; {@code allAvailable}: it ignores
     * the sources' per-trigger limits.
     */
    void collect(boolean readAheadNext, boolean allAvailable) {
        ReadAhead.Range[] ahead = readAhead == null ? null : readAhead.take();
        this.wanted = readAheadNext;
        this.allAvailable = allAvailable;
        if (ahead != null) {
            pending = ahead;
        }
    }

    /**
     * The input read ahead for each source whose range is exactly the one the log fixed, {@code starts[i]} to
     * {@code ends[i]} (null for any other source), or null if nothing is pending. A range read but not used counts
     * as a drop.
     */
    Batch[] claim(Offset[] starts, Offset[] ends) {
        ReadAhead.Range[] ahead = pending;
        pending = null;
        if (ahead == null) {
            return null;
        }
        Batch[] out = new Batch[ahead.length];
        for (int i = 0; i < ahead.length; i++) {
            ReadAhead.Range r = ahead[i];
            if (r != null) {
                boolean used = r.covers(starts[i], ends[i]);
                note(used);
                out[i] = used ? r.batch() : null;
            }
        }
        return out;
    }

    /** The trigger runs no batch: what was read ahead is dropped (it was kept only for the batch planned next). */
    void drop() {
        if (pending != null) {
            for (ReadAhead.Range r : pending) {
                if (r != null) {
                    note(false);
                }
            }
            pending = null;
        }
    }

    /** Starts reading the batch after {@code batchId} (from {@code end}) if this batch asked to and a source can. */
    void start(Source[] sources, long batchId, Offset[] end, long now) {
        if (!wanted) {
            return;
        }
        if (skip > 0) {
            skip--;
            return;
        }
        if (readAhead == null) {
            if (!ReadAhead.anyWilling(sources)) {
                return;
            }
            readAhead = new ReadAhead(queryName);
        }
        readAhead.begin(sources, end, new TriggerContext(batchId + 1, now, allAvailable));
    }

    /** Stops the read-ahead: the query is stopping. Any thread; never throws. */
    void cancel() {
        ReadAhead ra = readAhead;
        if (ra != null) {
            ra.cancel();
        }
    }

    /** Ends the read-ahead, waiting for its thread ({@link ReadAhead#close}). Query thread. */
    void close(Runnable wakeSources) {
        if (readAhead != null) {
            readAhead.close(wakeSources);
        }
    }

    private void note(boolean used) {
        if (used) {
            backoff = 0;
        } else {
            backoff = Math.min(MAX_BACKOFF, Math.max(1, backoff * 2));
            skip = backoff;
        }
    }
}
