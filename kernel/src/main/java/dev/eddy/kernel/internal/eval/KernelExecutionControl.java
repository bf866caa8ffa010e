package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets directly on the evaluator's thread in the kernel's JVM (so cells share objects with the kernel
 * and engine), keeps the real value of the last expression for rich display, and stops a running snippet on
 * interrupt. The classes of cells are instrumented before they are defined ({@link CellInstrumenter}): an
 * interrupt sets the stop request that their checks see, and interrupts the thread for code that waits. If the
 * cell has still not ended after a bound (it waits on a monitor in a deadlock, or spins inside library code), it
 * is given up: {@link #onStuck} frees the evaluator for other requests and the cell is answered with why it could
 * not be stopped ({@link StuckCell}). Unlike JShell's LocalExecutionControl it does not wait for threads the cell
 * started, so cells may leave background work running.
 */
public final class KernelExecutionControl extends DirectExecutionControl {
    static final Object NO_VALUE = new Object();
    private static final Log LOG = Log.of(KernelExecutionControl.class);
    /** How long a Java snippet may take to end after an interrupt before it is given up. */
    static final long JAVA_STOP_BOUND_MS = Long.getLong("eddy.stopBoundMs", 2000);
    /**
     * Magics get longer to end on an interrupt: close a consumer, stop a query, or reach the next row of a batch
     * query's outer table (Calcite's joins check nothing while they loop over their inner side).
     */
    static final long MAGIC_STOP_BOUND_MS = Long.getLong("eddy.magicStopBoundMs", 10_000);
    /** How long a stop waits, at most, for a class initializer to finish before giving the thread up anyway. */
    private static final long CLINIT_WAIT_MS = 30_000;
    /** How often a stop that waits for a class initializer to finish looks again. */
    private static final long CLINIT_RECHECK_MS = 20;

    private final Object lock = new Object();
    /** Threads given up on: if one ever comes back to the kernel's code, it parks for good. */
    private final Set<Thread> abandoned = ConcurrentHashMap.newKeySet();

    private volatile Object lastValue = NO_VALUE;
    private volatile ClassLoader cellLoader;
    private volatile BiConsumer<Thread, String> onStuck = (t, why) -> {};
    private Thread userThread;
    private boolean stopRequested;
    private boolean cellActive;
    private boolean pendingStop;
    private boolean inMagic;
    /** Counts runs of user code, so a late stop never hits a later snippet or magic. */
    private long runs;

    /** Who frees the evaluator when a cell cannot be stopped: the stuck thread and the one-line reason. */
    void onStuck(BiConsumer<Thread, String> handler) {
        this.onStuck = handler;
    }

    /** The value the last snippet returned, or {@link #NO_VALUE}. */
    Object lastValue() {
        return lastValue;
    }

    void resetValue() {
        lastValue = NO_VALUE;
    }

    /** True once if an interrupt stopped the last snippet; clears the flag. */
    boolean takeStopped() {
        parkIfAbandoned();
        synchronized (lock) {
            boolean s = stopRequested;
            stopRequested = false;
            return s;
        }
    }

    /** A cell starts: an interrupt from now on stops it, even if it arrives while the cell is still compiling. */
    void beginCell() {
        synchronized (lock) {
            cellActive = true;
            pendingStop = false;
            stopRequested = false;
            CellStop.clear();
        }
    }

    void endCell() {
        synchronized (lock) {
            cellActive = false;
            pendingStop = false;
        }
    }

    /**
     * A magic starts on the evaluator thread: from now on an interrupt interrupts it (and gives it up if it ignores
     * that for {@link #MAGIC_STOP_BOUND_MS}). Returns false, and the magic must not run, if an interrupt already came.
     */
    boolean magicEnter() {
        synchronized (lock) {
            if (takePendingStop()) {
                return false;
            }
            userThread = Thread.currentThread();
            inMagic = true;
            runs++;
            return true;
        }
    }

    void magicLeave() {
        parkIfAbandoned();
        synchronized (lock) {
            inMagic = false;
            userThread = null;
            CellStop.clear();
            lock.notifyAll();
        }
    }

    private boolean takePendingStop() {
        synchronized (lock) {
            if (!pendingStop) {
                return false;
            }
            pendingStop = false;
            stopRequested = true;
            return true;
        }
    }

    /** Classes of cells get their stop checks and exit redirection here, before they are defined. */
    @Override
    public void load(ClassBytecodes[] cbcs)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] instrumented = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            instrumented[i] = new ClassBytecodes(cbcs[i].name(), CellInstrumenter.instrument(cbcs[i].bytecodes()));
        }
        super.load(instrumented);
        if (cellLoader == null && cbcs.length > 0) {
            try {
                cellLoader = findClass(cbcs[0].name()).getClassLoader();
            } catch (ClassNotFoundException e) {
                LOG.warn("a class of a cell was not found right after it was loaded: " + cbcs[0].name());
            }
        }
    }

    /** The class loader of cells' classes (JShell's), known once a first snippet's class is loaded; else null. */
    ClassLoader cellLoader() {
        return cellLoader;
    }

    @Override
    protected void clientCodeEnter() {
        synchronized (lock) {
            if (!inMagic) {
                runs++;
            }
            userThread = Thread.currentThread();
        }
    }

    @Override
    protected void clientCodeLeave() {
        parkIfAbandoned();
        synchronized (lock) {
            if (inMagic) {
                return; // a magic that evaluated a snippet (a variable's value) is still running
            }
            userThread = null;
            CellStop.clear();
            lock.notifyAll();
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (takePendingStop()) {
            throw new ExecutionControl.StoppedException();
        }
        try {
            Object value = doitMethod.invoke(null);
            parkIfAbandoned();
            lastValue = value;
            return valueString(value);
        } catch (InvocationTargetException e) {
            parkIfAbandoned();
            if (CellStop.isStop(e.getCause())) {
                throw new ExecutionControl.StoppedException();
            }
            throw e;
        }
    }

    /**
     * A thread that was given up on and comes back (its lock or I/O freed at last) must not touch JShell or the
     * kernel's state again: other cells have run since. It parks for good (it is a daemon thread).
     */
    void parkIfAbandoned() {
        Thread me = Thread.currentThread();
        if (!abandoned.contains(me)) {
            return;
        }
        LOG.info("a cell given up on ended at last; its thread " + me.getName() + " stays parked");
        while (true) {
            LockSupport.park(this);
        }
    }

    boolean isAbandoned(Thread t) {
        return abandoned.contains(t);
    }

    /**
     * Interrupts the running snippet or magic and answers at once: the cell's stop checks end a loop at its next
     * iteration, and the thread's interrupt ends a wait. If it is still running after a bound (short for a
     * snippet, longer for a magic, which may be closing a consumer or stopping a query), a helper thread gives it
     * up. Not while it runs a class initializer (up to a limit): other threads would wait for that class forever.
     */
    @Override
    public void stop() {
        synchronized (lock) {
            LOG.debug("stop: user code " + (userThread == null ? "not running" : "running") + ", cell active "
                    + cellActive);
            if (userThread == null) {
                // Compiling or between snippets: stop before the next snippet runs (never interrupt javac).
                pendingStop = cellActive;
                return;
            }
            stopRequested = true;
            CellStop.request(userThread);
            userThread.interrupt();
            Thread target = userThread;
            long run = runs;
            long boundMs = inMagic ? MAGIC_STOP_BOUND_MS : JAVA_STOP_BOUND_MS;
            Thread watchdog = new Thread(() -> giveUpIfStillRunning(target, run, boundMs), "eddy-stopper");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    private void giveUpIfStillRunning(Thread target, long run, long boundMs) {
        String why;
        synchronized (lock) {
            long start = System.nanoTime();
            long deadline = start + boundMs * 1_000_000;
            long clinitDeadline = deadline + CLINIT_WAIT_MS * 1_000_000;
            try {
                while (true) {
                    if (userThread != target || runs != run) {
                        return; // it ended
                    }
                    long now = System.nanoTime();
                    long left = deadline - now;
                    if (left <= 0 && (now - clinitDeadline >= 0 || !StuckCell.inClassInitializer(target))) {
                        break;
                    }
                    lock.wait(left > 0 ? Math.max(1, left / 1_000_000) : CLINIT_RECHECK_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            why = StuckCell.describe(target);
            abandoned.add(target);
            userThread = null;
            inMagic = false;
            runs++;
            CellStop.clear();
        }
        LOG.warn(why + " (thread " + target.getName() + " is given up)");
        onStuck.accept(target, why);
    }

    /** Hands JShell this control (one per JShell instance). */
    static ExecutionControlProvider provider(KernelExecutionControl control) {
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "eddy";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return control;
            }
        };
    }
}
