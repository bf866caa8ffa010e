package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs snippets directly on the evaluator's thread in the kernel's JVM (so cells share objects with the kernel
 * and engine), keeps the real value of the last expression for rich display, and stops a running snippet on
 * interrupt: first {@link Thread#interrupt()}, then, if user code ignores that, {@link Thread#stop()} (what
 * JShell's own local engine does; it still works on Java 17). Unlike JShell's LocalExecutionControl it does not
 * wait for threads the cell started, so cells may leave background work running.
 */
public final class KernelExecutionControl extends DirectExecutionControl {
  static final Object NO_VALUE = new Object();
  private static final Log LOG = Log.of(KernelExecutionControl.class);
  private static final long GRACE_MS = 150;
  /** Magics get longer to end on an interrupt (close a consumer, stop a query) before their thread is stopped. */
  private static final long MAGIC_GRACE_MS = 2000;
  /** How often a stop that waits for a class initializer to finish looks again. */
  private static final long CLINIT_RECHECK_MS = 20;
  private final Object lock = new Object();
  private volatile Object lastValue = NO_VALUE;
  private Thread userThread;
  private boolean stopRequested;
  private boolean cellActive;
  private boolean pendingStop;
  private boolean inMagic;
  /** Counts runs of user code, so a late stop never hits a later snippet or magic. */
  private long runs;

  /** The value the last snippet returned, or {@link #NO_VALUE}. */
  Object lastValue() {
    return lastValue;
  }

  void resetValue() {
    lastValue = NO_VALUE;
  }

  /** True once if an interrupt stopped the last snippet; clears the flag. */
  boolean takeStopped() {
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
    }
  }

  void endCell() {
    synchronized (lock) {
      cellActive = false;
      pendingStop = false;
    }
  }

  /**
   * A magic starts on the evaluator thread: from now on an interrupt interrupts it (and stops it if it ignores
   * that for {@link #MAGIC_GRACE_MS}). Returns false, and the magic must not run, if an interrupt already came.
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
    synchronized (lock) {
      inMagic = false;
      userThread = null;
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
    synchronized (lock) {
      if (inMagic) {
        return; // a magic that evaluated a snippet (a variable's value) is still running
      }
      userThread = null;
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
      lastValue = value;
      return valueString(value);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof ThreadDeath) {
        throw new ExecutionControl.StoppedException();
      }
      throw e;
    }
  }

  /**
   * Interrupts the running snippet or magic and answers at once; if it is still running after a grace (short for
   * a snippet, longer for a magic, which may be closing a consumer or stopping a query), a helper thread stops
   * it. Never while it runs a class initializer: a class whose initializer was stopped stays unusable for the
   * life of the JVM (seen with Calcite's Linq4j when a first %%sql was interrupted), so the stop waits for the
   * initializer to finish.
   */
  @Override
  public void stop() {
    synchronized (lock) {
      LOG.debug("stop: user code " + (userThread == null ? "not running" : "running") + ", cell active " + cellActive);
      if (userThread == null) {
        // Compiling or between snippets: stop before the next snippet runs (never interrupt javac).
        pendingStop = cellActive;
        return;
      }
      stopRequested = true;
      userThread.interrupt();
      Thread target = userThread;
      long run = runs;
      long graceMs = inMagic ? MAGIC_GRACE_MS : GRACE_MS;
      Thread stopper = new Thread(() -> stopIfStillRunning(target, run, graceMs), "eddy-stopper");
      stopper.setDaemon(true);
      stopper.start();
    }
  }

  @SuppressWarnings("deprecation") // Thread.stop: the only way to end a tight loop in this JVM (see class doc)
  private void stopIfStillRunning(Thread target, long run, long graceMs) {
    synchronized (lock) {
      long deadline = System.nanoTime() + graceMs * 1_000_000;
      try {
        while (userThread == target && runs == run) {
          long left = deadline - System.nanoTime();
          if (left <= 0 && !inClassInitializer(target)) {
            target.stop();
            return;
          }
          lock.wait(left > 0 ? Math.max(1, left / 1_000_000) : CLINIT_RECHECK_MS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (UnsupportedOperationException e) {
        // Java 20+ removed Thread.stop: a cell that ignores interrupts can then only end by a restart.
        LOG.warn("this JVM cannot stop a cell that ignores interrupts; restart the kernel to end it");
      }
    }
  }

  private static boolean inClassInitializer(Thread t) {
    for (StackTraceElement e : t.getStackTrace()) {
      if ("<clinit>".equals(e.getMethodName())) {
        return true;
      }
    }
    return false;
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
