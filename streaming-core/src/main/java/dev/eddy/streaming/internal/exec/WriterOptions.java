package dev.eddy.streaming.internal.exec;

import dev.eddy.streaming.api.spi.Options;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a writer's options before a query starts: every option is one the engine or the sink reads, otherwise the
 * start fails naming it (Spark ignores unknown options silently; a misspelt {@code checkpointLocation} would then
 * lose a checkpoint without a word).
 */
final class WriterOptions {
    /** Options the engine itself reads, whatever the sink (lower case). */
    static final Set<String> ENGINE = Set.of(
            "checkpointlocation",
            "queryname",
            "minbatchestoretain",
            "statesnapshotinterval",
            "multiplewatermarkpolicy",
            "replace",
            QueryFactory.COLUMN_PRUNING_OPTION);

    private WriterOptions() {}

    /**
     * @param sink  the sink's name for the message
     * @param known the sink's option names (any case; a trailing ".*" is a prefix)
     */
    static void check(Map<String, String> options, String sink, Set<String> known) {
        List<String> unknown = new ArrayList<>();
        for (String key : options.keySet()) {
            String k = key.toLowerCase(Locale.ROOT);
            if (!ENGINE.contains(k) && !Options.isKnown(k, known)) {
                unknown.add(key);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Set<String> takes = new TreeSet<>(known);
        throw new IllegalArgumentException(
                (unknown.size() == 1 ? "option '" + unknown.get(0) + "' is" : "options " + unknown + " are")
                        + " not an option of the " + sink + " sink; it takes "
                        + (takes.isEmpty() ? "no options" : String.join(", ", takes))
                        + ", and every query takes checkpointLocation, queryName, minBatchesToRetain, stateSnapshotInterval"
                        + ", multipleWatermarkPolicy, replace and columnPruning");
    }
}
