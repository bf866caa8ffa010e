package dev.eddy.kernel.internal.eval;

/**
 * The stop check that {@link CellInstrumenter} puts at every method entry and backward branch of the classes
 * JShell defines for cells. When an interrupt asks the thread running a cell to stop, the check throws
 * {@link Stopped} in that thread; everywhere else (other threads, nothing to stop) it is one volatile read.
 * Public because cell classes, in their own class loader, call it.
 */
public final class CellStop {
    /** The thread asked to stop, or null. Only one cell runs at a time. */
    private static volatile Thread stopping;

    private CellStop() {}

    /** Called by instrumented cell code: throws {@link Stopped} if the current thread was asked to stop. */
    public static void check() {
        Thread t = stopping;
        if (t != null && t == Thread.currentThread()) {
            throw new Stopped();
        }
    }

    /** Asks {@code thread} to stop at its next check. */
    static void request(Thread thread) {
        stopping = thread;
    }

    /** Withdraws any stop request (the cell it was for has ended). */
    static void clear() {
        stopping = null;
    }

    /** True if {@code t} or one of its causes is a stop that {@link #check()} threw. */
    static boolean isStop(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof Stopped) {
                return true;
            }
        }
        return false;
    }

    /**
     * Thrown into an interrupted cell. An Error, so a cell's {@code catch (Exception e)} does not swallow it; a
     * cell that catches even this is stopped again at its next loop iteration or call.
     */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the cell was interrupted", null, false, false);
        }
    }
}
