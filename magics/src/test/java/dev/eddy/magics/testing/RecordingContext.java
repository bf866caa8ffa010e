package dev.eddy.magics.testing;

import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A kernel stand-in for magic tests: keeps what was displayed, in order, as text. */
public final class RecordingContext implements MagicContext {
  public final List<Object> displayed = new CopyOnWriteArrayList<>();
  /** The latest bundle each display id was updated to. */
  public final Map<String, Object> latest = new ConcurrentHashMap<>();
  private final Object updates = new Object();

  @Override
  public MagicRegistry registry() {
    return null;
  }

  @Override
  public Renderers renderers() {
    return null;
  }

  @Override
  public String display(Object value) {
    displayed.add(value);
    return "d" + displayed.size();
  }

  @Override
  public void updateDisplay(String displayId, Object value) {
    latest.put(displayId, value);
    synchronized (updates) {
      updates.notifyAll();
    }
  }

  @Override
  public void clearOutput(boolean wait) {
  }

  @Override
  public Optional<Object> variable(String name) {
    return Optional.empty();
  }

  /** The text/plain of every displayed bundle. */
  /**
   * Waits (polling, with a deadline) until the latest text/plain of display {@code displayId} contains
   * {@code part}; returns that text, or fails with what the display showed last.
   */
  public String awaitUpdate(String displayId, String part) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = null;
    synchronized (updates) {
      long left;
      while ((left = deadline - System.nanoTime()) > 0) {
        Object v = latest.get(displayId);
        last = v instanceof MimeBundle b ? b.plainText() : String.valueOf(v);
        if (last.contains(part)) {
          return last;
        }
        updates.wait(Math.max(1, left / 1_000_000));
      }
    }
    throw new AssertionError("display " + displayId + " never showed '" + part + "'; last: " + last);
  }

  public List<String> texts() {
    return displayed.stream().filter(MimeBundle.class::isInstance).map(b -> ((MimeBundle) b).plainText()).toList();
  }
}
