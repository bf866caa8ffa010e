package dev.eddy.bench.engine;

import java.util.concurrent.atomic.AtomicLong;

/** A sink that only counts rows, so a figure measures the query and not the output. Format {@code benchcount}. */
final class CountingSink extends RowCountingSink {
    static final AtomicLong ROWS = new AtomicLong();

    CountingSink() {
        super("benchcount", ROWS);
    }
}
