package dev.eddy.kernel.internal.eval;

/** Thrown instead of exiting when cell code calls {@code System.exit} and the like; the kernel keeps running. */
public final class ExitAttemptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExitAttemptException(String call, int status) {
        super(call + "(" + status + ") was called from a cell. The kernel keeps running; use the Restart command of "
                + "your notebook to start a fresh kernel.");
    }
}
