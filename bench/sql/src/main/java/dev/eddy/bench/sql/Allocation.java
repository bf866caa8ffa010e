package dev.eddy.bench.sql;

import com.sun.management.ThreadMXBean;
import dev.eddy.sql.api.Sql;
import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Bytes the JVM's threads allocate, as the SQL benches measure them. */
final class Allocation {
    private Allocation() {}

    /** Bytes allocated by all live threads during one run of the query. */
    static double duringQuery(Sql sql, String query) {
        long before = allocatedBytes();
        sql.execute(query);
        return allocatedBytes() - before;
    }

    private static long allocatedBytes() {
        var mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        return Arrays.stream(mx.getThreadAllocatedBytes(mx.getAllThreadIds()))
                .map(a -> Math.max(0, a))
                .sum();
    }
}
