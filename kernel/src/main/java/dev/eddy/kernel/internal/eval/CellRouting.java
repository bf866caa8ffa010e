package dev.eddy.kernel.internal.eval;

/** Which cell the current thread works for; inherited by threads a cell starts. */
public final class CellRouting {
    private static final InheritableThreadLocal<CellContext> CURRENT = new InheritableThreadLocal<>();
    private static volatile CellContext lastCell;

    private CellRouting() {}

    /** The current thread's cell, or null for kernel threads that no cell started. */
    public static CellContext current() {
        return CURRENT.get();
    }

    /** The current thread's cell, else the cell that ran last (for display calls from kernel-owned threads). */
    public static CellContext currentOrLast() {
        CellContext c = CURRENT.get();
        return c != null ? c : lastCell;
    }

    public static void enter(CellContext c) {
        CURRENT.set(c);
        lastCell = c;
    }

    public static void leave() {
        CURRENT.remove();
    }
}
