package dev.eddy.streaming.internal.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a query may resume from a checkpoint written by an earlier plan. Stateless parts (projections,
 * filters, maps) may change freely; the number of sources and each stateful operator (kind, keys, aggregates,
 * output mode) must stay, since their stored offsets and state are read positionally.
 */
final class PlanCompatibility {
    private PlanCompatibility() {}

    static void check(Path root, JsonNode stored, List<String> statefulOperators, int numSources) {
        int storedSources = stored.path("numSources").asInt(numSources);
        if (storedSources != numSources) {
            throw new IllegalStateException("checkpoint at " + root + " was written by a query with " + storedSources
                    + " streaming source(s); this query has " + numSources
                    + ". Use a new checkpoint location for a changed query.");
        }
        List<String> old = new ArrayList<>();
        stored.path("statefulOperators").forEach(n -> old.add(n.asText()));
        for (int i = 0; i < Math.max(old.size(), statefulOperators.size()); i++) {
            String was = i < old.size() ? old.get(i) : "(none)";
            String now = i < statefulOperators.size() ? statefulOperators.get(i) : "(none)";
            if (!was.equals(now)) {
                throw new IllegalStateException("checkpoint at " + root + " was written by a query whose stateful "
                        + "operator " + i + " is " + was + "; this query has " + now
                        + ". Its state cannot be reused: use a new checkpoint location for a changed query.");
            }
        }
    }
}
