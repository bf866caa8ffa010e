package dev.eddy.kernel.internal.eval;

/** Thrown instead of exiting when cell code calls {@code System.exit}; the kernel keeps running. */
public final class ExitAttemptException extends SecurityException {
  private static final long serialVersionUID = 1L;

  public ExitAttemptException(int status) {
    super("System.exit(" + status + ") was called from a cell. The kernel keeps running; use the Restart "
        + "command of your notebook to start a fresh kernel.");
  }
}
