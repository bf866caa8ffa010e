package dev.eddy.kernel.internal.eval;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/** Why a cell's thread did not end after an interrupt, in one line, from the JVM's own thread diagnostics. */
final class StuckCell {
    private StuckCell() {}

    /** The thrown-away cell's error: the one-line reason; the kernel goes on with a fresh evaluator thread. */
    static final class Abandoned extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abandoned(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * "this cell could not be stopped: threads "a" and "b" are deadlocked; restart the kernel", or where it is
     * stuck when it is in no deadlock.
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+, the kernel runs on 17
    static String describe(Thread target) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long id = target.getId();
        long[] deadlocked =
                mx.isSynchronizerUsageSupported() ? mx.findDeadlockedThreads() : mx.findMonitorDeadlockedThreads();
        if (deadlocked != null && contains(deadlocked, id)) {
            List<String> names = new ArrayList<>();
            for (ThreadInfo t : mx.getThreadInfo(deadlocked)) {
                if (t != null) {
                    names.add("\"" + t.getThreadName() + "\"");
                }
            }
            return "this cell could not be stopped: threads " + joinNames(names)
                    + " are deadlocked; restart the kernel";
        }
        ThreadInfo info = mx.getThreadInfo(id, 1);
        String where =
                info == null || info.getStackTrace().length == 0 ? "an unknown place" : frame(info.getStackTrace()[0]);
        if (info != null && info.getLockOwnerName() != null) {
            return "this cell could not be stopped: it waits in " + where + " for a lock that thread \""
                    + info.getLockOwnerName() + "\" holds; restart the kernel";
        }
        String state = info == null ? "" : " (" + info.getThreadState() + ")";
        return "this cell could not be stopped: it is stuck in " + where + state + "; restart the kernel";
    }

    static boolean inClassInitializer(Thread t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if ("<clinit>".equals(e.getMethodName())) {
                return true;
            }
        }
        return false;
    }

    private static String frame(StackTraceElement f) {
        return JavaErrors.userNames(f.getClassName()) + "." + f.getMethodName();
    }

    private static boolean contains(long[] ids, long id) {
        for (long i : ids) {
            if (i == id) {
                return true;
            }
        }
        return false;
    }

    private static String joinNames(List<String> names) {
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
