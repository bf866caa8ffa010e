package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.ErrorRowsReport;
import dev.eddy.streaming.api.LateRowsReport;
import dev.eddy.streaming.api.QueryState;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.StreamingQueryException;
import dev.eddy.streaming.api.StreamingQueryListener;
import dev.eddy.streaming.api.Trigger;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.plan.LogicalPlan;
import dev.eddy.streaming.api.progress.QueryProgress;
import dev.eddy.streaming.api.progress.QueryStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A running query: one thread that owns the executor and its state, and the thread-safe handle other
 * threads use. Requests that need state (snapshots) are queued to the query thread and answered between
 * batches. A failure marks the query FAILED with its exception; nothing escapes the thread.
 */
public final class QueryRunner implements StreamingQuery {
    private static final long IDLE_POLL_MILLIS = 10;
    /** {@code -Deddy.readAhead=false} turns read-ahead off for every query of the JVM (as before it existed). */
    static final String READ_AHEAD_PROPERTY = "eddy.readAhead";

    private final MicroBatchExecutor exec;
    private final LogicalPlan logical;
    private final Trigger trigger;
    private final Clock clock;
    private final QueryRegistry registry;
    private final Object monitor = new Object();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread thread;
    private final CountDownLatch sourcesReady = new CountDownLatch(1);
    private volatile QueryState state = QueryState.INITIALIZING;
    private volatile QueryStatus status = new QueryStatus("Initializing sources", false, false);
    private volatile StreamingQueryException failure;
    private volatile boolean stopRequested;
    /** Why the query stopped, when not on its own or by {@link #stop()} (another run replaced it). */
    private volatile String stopNote;
    /** Whether the sources are set up and the checkpoint (offsets, state, watermark) was read. */
    private volatile boolean started;

    private boolean runNow;
    private long idleGeneration;
    private boolean idleReported;
    private final boolean readAheadOn = !"false".equalsIgnoreCase(System.getProperty(READ_AHEAD_PROPERTY, "true"));

    public QueryRunner(
            MicroBatchExecutor exec, LogicalPlan logical, Trigger trigger, Clock clock, QueryRegistry registry) {
        this.exec = exec;
        this.logical = logical;
        this.trigger = trigger;
        this.clock = clock;
        this.registry = registry;
        String name = exec.identity().name() == null
                ? exec.identity().id().toString()
                : exec.identity().name();
        this.thread = new Thread(this::run, "eddy-query-" + name);
        this.thread.setDaemon(true);
    }

    /**
     * Registers the query, starts its thread and returns once its sources are set up (their starting offsets are
     * resolved, the checkpoint is read), or it failed doing so. So "latest" means the moment the caller started
     * the query: records produced by the caller's next statement are read, whatever the thread scheduling.
     *
     * @throws StreamingQueryException if the query could not start (sources, a damaged or mismatched checkpoint);
     *                                 it is FAILED with that exception
     */
    public void start() {
        registry.register(this);
        thread.start();
        try {
            sourcesReady.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the query goes on starting; the caller just stops waiting
            return;
        }
        StreamingQueryException f = failure;
        if (f != null && !started) {
            // e.g. a damaged checkpoint: start fails, as CHECKPOINTS.md says; once it has ended (no longer active)
            awaitEndUninterruptibly();
            throw f;
        }
    }

    private void awaitEndUninterruptibly() {
        boolean interrupted = false;
        while (true) {
            try {
                terminated.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            try {
                exec.start();
                started = true;
            } catch (Throwable t) {
                if (stopRequested && t instanceof CancellationException c) {
                    throw c; // stopped while a source waited for its broker: handled below
                }
                fail(t); // before start() is released: it throws this (e.g. a damaged checkpoint)
                return;
            } finally {
                sourcesReady.countDown();
            }
            move(QueryState.ACTIVE);
            registry.fire(l -> l.onQueryStarted(new StreamingQueryListener.QueryStartedEvent(
                    id(), runId(), name(), Instant.ofEpochMilli(clock.millis()).toString())));
            loop();
            move(QueryState.TERMINATED);
        } catch (CancellationException c) {
            if (!stopRequested) {
                fail(c);
            } else if (state.canMoveTo(QueryState.TERMINATED)) {
                move(QueryState.TERMINATED); // stopped while a source or sink waited for a broker: not a failure
            } else {
                move(QueryState.STOPPING);
                move(QueryState.TERMINATED);
            }
        } catch (Throwable t) {
            fail(t);
        } finally {
            exec.stop();
            status = new QueryStatus(
                    state == QueryState.FAILED
                            ? "Failed: " + failure.getCause()
                            : stopNote != null ? stopNote : "Stopped",
                    false,
                    false);
            runTasks();
            registry.unregister(this);
            registry.fire(l -> l.onQueryTerminated(new StreamingQueryListener.QueryTerminatedEvent(
                    id(), runId(), failure == null ? null : String.valueOf(failure.getCause()))));
            terminated.countDown();
            synchronized (monitor) {
                monitor.notifyAll();
            }
        }
    }

    private void fail(Throwable t) {
        String where = started
                ? "failed in batch " + exec.nextBatchId()
                : exec.nextBatchId() > 0
                        ? "could not start (it resumes at batch " + exec.nextBatchId() + ")"
                        : "could not start";
        failure =
                new StreamingQueryException("Query " + describeName() + " " + where + ": " + t, t, exec.nextBatchId());
        move(QueryState.FAILED);
    }

    private void loop() throws InterruptedException {
        if (trigger instanceof Trigger.AvailableNow) {
            // trigger active: a source that waits for its broker while it fixes the run's end says so in status()
            status = new QueryStatus("Preparing the available-now run", false, true);
        }
        // Spark: available-now over sources that cannot plan it runs as a single batch (Trigger.once)
        boolean once = trigger instanceof Trigger.Once
                || trigger instanceof Trigger.AvailableNow && !exec.prepareForTriggerAvailableNow();
        boolean bounded = once || trigger instanceof Trigger.AvailableNow;
        while (!stopRequested) {
            runTasks();
            long start = clock.millis();
            String problem = exec.sourceStatus(); // a source problem (broker down) stays visible while retrying
            status = new QueryStatus(problem.isEmpty() ? "Processing new data" : problem, true, true);
            Optional<BatchResult> r = exec.runNextBatch(once, readAheadNext(once));
            if (r.isEmpty()) {
                idle();
                if (bounded) {
                    return;
                }
            } else {
                idleReported = false;
                if (once) {
                    return;
                }
                if (bounded || exec.wantsNoDataBatch()) {
                    continue;
                }
            }
            waitForNextTrigger(start, r.isPresent());
        }
    }

    /**
     * Whether the batch about to run should read the next one ahead: only when batches are meant to run back to back
     * (available-now, a zero interval). With an interval the next batch is planned at its trigger, and a range read
     * ahead before it is out of date whenever data keeps arriving (bench/ingest's 100 ms Kafka latency run, when
     * read-ahead also ran for queries behind their interval, was slower with it on a heavily loaded machine).
     */
    private boolean readAheadNext(boolean once) {
        if (!readAheadOn || once) {
            return false;
        }
        return !(trigger instanceof Trigger.ProcessingTime pt) || pt.intervalMillis() == 0;
    }

    private void idle() {
        String src = exec.sourceStatus();
        status = new QueryStatus(src.isEmpty() ? "Waiting for data to arrive" : src, false, false);
        synchronized (monitor) {
            idleGeneration++;
            monitor.notifyAll();
        }
        if (!idleReported) {
            idleReported = true;
            registry.fire(l -> l.onQueryIdle(new StreamingQueryListener.QueryIdleEvent(
                    id(), runId(), Instant.ofEpochMilli(clock.millis()).toString())));
        }
    }

    private void waitForNextTrigger(long start, boolean hadData) throws InterruptedException {
        long interval = ((Trigger.ProcessingTime) trigger).intervalMillis();
        synchronized (monitor) {
            if (!runNow) {
                status = new QueryStatus(status.message(), status.isDataAvailable(), false);
            }
            if (interval == 0) {
                // as fast as possible: poll idle sources after a short real-time pause (not engine time,
                // which a manual clock may never advance); a stop, task or processAllAvailable wakes it
                if (!hadData && !stopRequested && !runNow && tasks.isEmpty()) {
                    monitor.wait(IDLE_POLL_MILLIS);
                }
            } else {
                long target = start + interval;
                while (!stopRequested && !runNow && tasks.isEmpty() && clock.millis() < target) {
                    clock.await(monitor, target);
                }
            }
            runNow = false;
        }
    }

    private void runTasks() {
        Runnable t;
        while ((t = tasks.poll()) != null) {
            t.run();
        }
    }

    private synchronized void move(QueryState to) {
        if (!state.canMoveTo(to)) {
            throw new IllegalStateException("query " + describeName() + " cannot go from " + state + " to " + to);
        }
        state = to;
    }

    private String describeName() {
        return name() == null ? id().toString() : "'" + name() + "' [id = " + id() + "]";
    }

    @Override
    public UUID id() {
        return exec.identity().id();
    }

    @Override
    public UUID runId() {
        return exec.identity().runId();
    }

    @Override
    public String name() {
        return exec.identity().name();
    }

    @Override
    public QueryState state() {
        return state;
    }

    @Override
    public QueryStatus status() {
        QueryStatus s = status;
        if (s.isTriggerActive() && isActive()) {
            // a source or sink waiting inside a batch (broker down) says so while the batch is still running
            String live = exec.sourceStatus();
            if (!live.isEmpty()) {
                return new QueryStatus(live, s.isDataAvailable(), true);
            }
        }
        return s;
    }

    @Override
    public boolean isActive() {
        return !state.isTerminal();
    }

    @Override
    public QueryProgress lastProgress() {
        return progressLog().last();
    }

    @Override
    public List<QueryProgress> recentProgress() {
        return progressLog().recent();
    }

    private ProgressLog progressLog() {
        return exec.progressLog();
    }

    @Override
    public void awaitTermination() throws InterruptedException {
        terminated.await();
        throwIfFailed();
    }

    @Override
    public boolean awaitTermination(long timeoutMillis) throws InterruptedException {
        boolean done = terminated.await(timeoutMillis, TimeUnit.MILLISECONDS);
        throwIfFailed();
        return done;
    }

    private void throwIfFailed() {
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void processAllAvailable() throws InterruptedException {
        synchronized (monitor) {
            long goal = idleGeneration + 2;
            while (idleGeneration < goal && terminated.getCount() > 0) {
                runNow = true;
                monitor.notifyAll();
                monitor.wait();
            }
        }
        throwIfFailed();
    }

    /** Stops the query because another run takes its name; its final status says {@code note}. */
    void stopReplaced(String note) {
        if (isActive()) {
            stopNote = note;
        }
        stop();
    }

    @Override
    public void stop() {
        stopRequested = true;
        if (Thread.currentThread() != thread) {
            exec.cancelWaits();
        }
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                terminated.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Optional<StreamingQueryException> exception() {
        return Optional.ofNullable(failure);
    }

    @Override
    public String explain() {
        return Explain.explain(logical, exec.plan());
    }

    @Override
    public Optional<Instant> watermark() {
        return Explain.watermark(exec.watermark());
    }

    @Override
    public LateRowsReport lateRows() {
        return Explain.lateRows(exec.plan());
    }

    @Override
    public ErrorRowsReport errorRows() {
        return exec.plan().errorRows();
    }

    @Override
    public Batch stateRows(int index) throws InterruptedException {
        if (index < 0 || index >= exec.plan().statefulOps().size()) {
            throw new IllegalArgumentException(
                    "query has " + exec.plan().statefulOps().size() + " stateful operators, no index " + index);
        }
        CompletableFuture<Batch> f = new CompletableFuture<>();
        tasks.add(() -> f.complete(exec.plan().statefulOps().get(index).stateRows()));
        synchronized (monitor) {
            monitor.notifyAll();
        }
        if (terminated.getCount() == 0) {
            runTasks();
        }
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "StreamingQuery " + describeName() + " " + state;
    }
}
