package dev.eddy.kernel.internal.eval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Replaces System.out and System.err with streams routed to the current thread's cell. */
public final class StdStreams {
  private StdStreams() {}

  public static void install() {
    PrintStream out = System.out;
    PrintStream err = System.err;
    System.setOut(new PrintStream(new RoutingOutputStream(CellContext::stdout, out), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new RoutingOutputStream(CellContext::stderr, err), true, StandardCharsets.UTF_8));
  }
}
