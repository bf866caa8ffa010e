package dev.eddy.kernel.internal.eval;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one thread that touches JShell, as a queue of tasks. A cell that ignores its interrupt is given up: its
 * caller is answered, the work queued behind it moves to a fresh thread, and the stuck thread is left to itself.
 * Also knows whether anyone waits for it and when it was last busy, so background work can stay out of the way.
 */
final class EvaluatorThread {
    private final Runnable afterEachCall;
    /** The evaluator thread; replaced by a fresh one when a cell that cannot be stopped is given up. */
    private volatile ExecutorService thread;

    private final AtomicInteger threads = new AtomicInteger();
    /** The call running on the evaluator thread and that thread, so that giving the thread up can answer it. */
    private final Object runningLock = new Object();

    private CompletableFuture<?> running;
    private Thread runningThread;
    private final AtomicInteger waiting = new AtomicInteger();
    /** Calls submitted and not yet answered, and when the last one ended: for {@link #awaitIdle}. */
    private final Object activity = new Object();

    private int active;
    private long lastActiveNanos = System.nanoTime();

    /** {@code afterEachCall} runs on the thread after every {@link #call} (a given-up thread parks there). */
    EvaluatorThread(Runnable afterEachCall) {
        this.afterEachCall = afterEachCall;
        this.thread = newThread();
    }

    private ExecutorService newThread() {
        int n = threads.incrementAndGet();
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, n == 1 ? "eddy-eval" : "eddy-eval-" + n);
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code task} and returns its future (JShell's start). */
    Future<?> submit(Runnable task) {
        synchronized (runningLock) {
            return thread.submit(task);
        }
    }

    /** Queues {@code task} on the current evaluator thread (never on one being given up). */
    void execute(Runnable task) {
        synchronized (runningLock) {
            thread.execute(task);
        }
    }

    /** True while a {@link #call} is queued and has not started: background work then skips its next step. */
    boolean callsWaiting() {
        return waiting.get() > 0;
    }

    /** True on the evaluator thread while it runs a {@link #call}. */
    boolean isRunningCall() {
        synchronized (runningLock) {
            return runningThread == Thread.currentThread();
        }
    }

    /**
     * Runs {@code task} on the evaluator thread and waits for it. A call given up by {@link #abandon} surfaces
     * here as {@link StuckCell.Abandoned}.
     */
    <T> T call(Callable<T> task) throws Exception {
        waiting.incrementAndGet();
        synchronized (activity) {
            active++;
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> {
            waiting.decrementAndGet();
            synchronized (runningLock) {
                running = f;
                runningThread = Thread.currentThread();
            }
            try {
                f.complete(task.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            } finally {
                synchronized (runningLock) {
                    if (running == f) {
                        running = null;
                        runningThread = null;
                    }
                }
                afterEachCall.run();
            }
        });
        try {
            return unwrap(f);
        } finally {
            synchronized (activity) {
                active--;
                lastActiveNanos = System.nanoTime();
                activity.notifyAll();
            }
        }
    }

    private static <T> T unwrap(Future<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * Gives up the evaluator thread {@code stuck} (a cell that ignored its interrupt): the call waiting for it is
     * answered with {@code why}, work queued behind it moves to a fresh evaluator thread, and the stuck thread is
     * left to itself (it parks for good if it ever returns to the kernel).
     */
    void abandon(Thread stuck, String why) {
        CompletableFuture<?> answer;
        synchronized (runningLock) {
            if (runningThread != stuck) {
                return; // it ended after all
            }
            ExecutorService old = thread;
            thread = newThread();
            for (Runnable queued : old.shutdownNow()) {
                thread.execute(queued);
            }
            answer = running;
            running = null;
            runningThread = null;
        }
        if (answer != null) {
            answer.completeExceptionally(new StuckCell.Abandoned(why));
        }
    }

    /** Waits until no call has run or been queued for {@code quietMillis}. */
    void awaitIdle(long quietMillis) throws InterruptedException {
        long quiet = quietMillis * 1_000_000;
        synchronized (activity) {
            while (true) {
                long left = active > 0 ? quiet : lastActiveNanos + quiet - System.nanoTime();
                if (active == 0 && left <= 0) {
                    return;
                }
                activity.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    void close() {
        thread.shutdownNow();
    }
}
