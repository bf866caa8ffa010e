package dev.eddy.kernel.internal.eval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Replaces System.out, System.err and System.in with streams routed to the current thread's cell. */
public final class StdStreams {
    private static PrintStream originalOut;
    private static PrintStream originalErr;

    private StdStreams() {}

    public static synchronized void install() {
        if (originalOut == null) {
            originalOut = System.out;
            originalErr = System.err;
        }
        System.setOut(new PrintStream(
                new RoutingOutputStream(CellContext::stdout, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(
                new RoutingOutputStream(CellContext::stderr, originalErr), true, StandardCharsets.UTF_8));
        System.setIn(new RoutingInputStream());
    }

    /**
     * Fresh routed streams after a cell was stopped or given up: a thread given up on may be stuck inside println
     * holding the PrintStream's lock, or have left half-encoded text in its buffers for the next cell.
     */
    public static synchronized void reset() {
        if (originalOut != null) {
            install();
        }
    }
}
