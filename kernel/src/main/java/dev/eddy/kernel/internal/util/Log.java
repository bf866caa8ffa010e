package dev.eddy.kernel.internal.util;

import java.io.PrintStream;
import java.time.LocalTime;

/**
 * Kernel diagnostics on the process's real stderr (captured at start, before cells' output is redirected), so
 * they end up in the Jupyter server log and never in a notebook. Level from {@code EDDY_LOG} (debug|info|warn).
 */
public final class Log {
    private static final PrintStream ERR = System.err;
    private static final int LEVEL = level(System.getenv("EDDY_LOG"));
    private final String name;

    private Log(String name) {
        this.name = name;
    }

    public static Log of(Class<?> c) {
        return new Log(c.getSimpleName());
    }

    public void debug(String msg) {
        if (LEVEL <= 0) {
            print("DEBUG", msg, null);
        }
    }

    public void info(String msg) {
        if (LEVEL <= 1) {
            print("INFO", msg, null);
        }
    }

    public void warn(String msg) {
        warn(msg, null);
    }

    public void warn(String msg, Throwable t) {
        print("WARN", msg, t);
    }

    private void print(String level, String msg, Throwable t) {
        synchronized (ERR) {
            ERR.println("[eddy " + LocalTime.now() + " " + level + " " + name + "] " + msg);
            if (t != null) {
                t.printStackTrace(ERR);
            }
        }
    }

    private static int level(String s) {
        if (s == null) {
            return 1;
        }
        return switch (s.toLowerCase()) {
            case "debug" -> 0;
            case "warn", "warning" -> 2;
            default -> 1;
        };
    }
}
