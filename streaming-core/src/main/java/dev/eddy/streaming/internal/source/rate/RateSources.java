package dev.eddy.streaming.internal.source.rate;

import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.SourceProvider;
import java.util.Map;
import java.util.Set;

/** Providers for "rate" and "rate-per-batch". */
public final class RateSources {
    private RateSources() {}

    /** Format "rate": options rowsPerSecond (default 1), numPartitions (default 1), maxRowsPerBatch (10 million). */
    public static final class Rate implements SourceProvider {
        @Override
        public String formatName() {
            return "rate";
        }

        @Override
        public Set<String> optionNames() {
            return Set.of("rowsPerSecond", "numPartitions", "maxRowsPerBatch");
        }

        @Override
        public Map<String, String> unsupportedOptions() {
            return Map.of(
                    "rampuptime",
                    "Eddy's rate source produces rowsPerSecond from the start; use a lower rowsPerSecond instead");
        }

        @Override
        public Source createSource(SourceContext c) {
            return new RateSource(
                    c.longOption("rowsPerSecond", 1),
                    (int) c.longOption("numPartitions", 1),
                    c.clock(),
                    c.longOption("maxRowsPerBatch", 10_000_000L));
        }
    }

    /** Format "rate-per-batch": options rowsPerBatch (required), startTimestamp (ms, 0), advanceMillisPerBatch (1000). */
    public static final class PerBatch implements SourceProvider {
        @Override
        public String formatName() {
            return "rate-per-batch";
        }

        @Override
        public Source createSource(SourceContext c) {
            return new RatePerBatchSource(
                    Long.parseLong(c.requireOption("rowsPerBatch").trim()),
                    c.longOption("startTimestamp", 0),
                    c.longOption("advanceMillisPerBatch", 1000));
        }
    }
}
