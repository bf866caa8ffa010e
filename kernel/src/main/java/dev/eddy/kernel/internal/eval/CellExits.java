package dev.eddy.kernel.internal.eval;

/**
 * What {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} in a cell call instead (see
 * {@link CellInstrumenter}): they throw {@link ExitAttemptException}, which the cell reports as an error, and the
 * kernel keeps running. Public because cell classes, in their own class loader, call them.
 */
public final class CellExits {
    private CellExits() {}

    /** Stands in for {@code System.exit(status)}. */
    public static void exit(int status) {
        throw new ExitAttemptException("System.exit", status);
    }

    /** Stands in for {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitAttemptException("Runtime.exit", status);
    }

    /** Stands in for {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitAttemptException("Runtime.halt", status);
    }
}
