package dev.eddy.kernel.internal.eval;

import dev.eddy.kernel.internal.util.Log;
import java.security.Permission;

/**
 * Turns {@code System.exit} from cell code into an exception so a cell cannot silently kill the kernel. It is a
 * SecurityManager only for {@code checkExit}; every other check allows everything. Needs
 * {@code -Djava.security.manager=allow} on Java 17 to install without a warning (the kernelspec sets it).
 */
@SuppressWarnings("removal") // SecurityManager: the only reliable System.exit hook on Java 17
public final class ExitGuard extends SecurityManager {
  private static final Log LOG = Log.of(ExitGuard.class);
  private static volatile boolean kernelExiting;

  /** Installs the guard; returns false (and logs) where the JVM refuses a security manager. */
  @SuppressWarnings("removal")
  public static boolean install() {
    if (!Boolean.parseBoolean(System.getProperty("eddy.exitGuard", "true"))) {
      LOG.info("exit guard off (-Deddy.exitGuard=false): System.exit in a cell ends the kernel");
      return false;
    }
    try {
      System.setSecurityManager(new ExitGuard());
      return true;
    } catch (UnsupportedOperationException | SecurityException e) {
      LOG.warn("System.exit in cells cannot be intercepted on this JVM (" + e.getMessage() + ")");
      return false;
    }
  }

  /** Exits the JVM on the kernel's own behalf (shutdown_request). */
  public static void exitKernel(int status) {
    kernelExiting = true;
    System.exit(status);
  }

  @Override
  public void checkExit(int status) {
    if (!kernelExiting) {
      throw new ExitAttemptException(status);
    }
  }

  @Override
  public void checkPermission(Permission perm) {
    // everything but exit is allowed
  }

  @Override
  public void checkPermission(Permission perm, Object context) {
    // everything but exit is allowed
  }
}
