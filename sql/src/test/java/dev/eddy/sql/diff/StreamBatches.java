package dev.eddy.sql.diff;

import dev.eddy.sql.diff.StreamCase.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The compared form of a run (a list of batches, or one {@code {"error": ..}} entry when the query was refused or
 * failed), the first difference between two runs, and the shrinking of a case that differs.
 *
 * <p>A batch: id, input rows, watermark, state rows and rows dropped by the watermark summed over the stateful
 * operators, then per operator (name, state rows, dropped rows; sorted, since Spark lists the operators top-down and
 * the order says nothing about semantics), then the output rows (sorted).
 */
final class StreamBatches {
    private StreamBatches() {}

    /** {@code operators}: name, numRowsTotal, numRowsDroppedByWatermark of each stateful operator. */
    static Map<String, Object> batch(
            long batchId, long inputRows, String watermark, List<Object[]> operators, List<String> rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchId", batchId);
        m.put("numInputRows", inputRows);
        m.put("watermark", watermark);
        long total = 0;
        long dropped = 0;
        List<String> perOperator = new ArrayList<>();
        for (Object[] op : operators) {
            total += (Long) op[1];
            dropped += (Long) op[2];
            perOperator.add(op[0] + " rows " + op[1] + " dropped " + op[2]);
        }
        perOperator.sort(null);
        m.put("stateRowsTotal", total);
        m.put("droppedByWatermark", dropped);
        m.put("stateOperators", perOperator);
        m.put("rows", rows);
        return m;
    }

    static boolean refused(List<Map<String, Object>> answer) {
        return answer.size() == 1 && answer.get(0).containsKey("error");
    }

    /**
     * For two refused runs: null if both failed at the same moment (while the query starts, step -1, or in the same
     * step's batch), else what differs. The messages are not compared (Spark wraps a batch's failure in its own).
     */
    static String refusedDifferently(List<Map<String, Object>> spark, List<Map<String, Object>> eddy) {
        Object s = spark.get(0).get("step");
        Object e = eddy.get(0).get("step");
        if (Objects.equals(s, e)) {
            return null;
        }
        return "refused at a different moment: Spark " + moment(s) + ", Eddy " + moment(e) + "; Spark: "
                + spark.get(0).get("error") + "; Eddy: " + eddy.get(0).get("error");
    }

    private static String moment(Object step) {
        return Integer.valueOf(-1).equals(step) ? "when the query starts" : "in step " + step;
    }

    /** The first difference between the batch lists, or null. */
    static String difference(List<Map<String, Object>> spark, List<Map<String, Object>> eddy) {
        int n = Math.max(spark.size(), eddy.size());
        for (int i = 0; i < n; i++) {
            if (i >= spark.size()) {
                return "Eddy runs an extra batch " + eddy.get(i).get("batchId") + ", Eddy " + eddy.get(i);
            }
            if (i >= eddy.size()) {
                return "Eddy lacks batch " + spark.get(i).get("batchId") + " Spark " + spark.get(i);
            }
            for (String key : spark.get(i).keySet()) {
                Object sv = spark.get(i).get(key);
                Object ev = eddy.get(i).get(key);
                if (!Objects.equals(sv, ev)) {
                    return "batch " + spark.get(i).get("batchId") + " differs in " + key + " Spark " + sv + ", Eddy "
                            + ev;
                }
            }
        }
        return null;
    }

    /** Runs a case on both engines. */
    interface Engines {
        /** Spark's runs of several cases, in their order (Spark runs them concurrently). */
        List<List<Map<String, Object>>> spark(List<StreamCase> cases);

        List<Map<String, Object>> eddy(StreamCase c) throws Exception;
    }

    /** A smaller case that still differs: steps and then rows removed one at a time while the difference stays. */
    static StreamCase shrink(Engines engines, StreamCase c) throws Exception {
        StreamCase best = c;
        for (int attempt = 0; attempt < 40; attempt++) {
            StreamCase smaller = null;
            List<StreamCase> candidates = smallerCases(best);
            for (int from = 0; from < candidates.size() && smaller == null; from += 8) {
                List<StreamCase> chunk = candidates.subList(from, Math.min(candidates.size(), from + 8));
                List<List<Map<String, Object>>> sparkRuns = engines.spark(chunk);
                for (int i = 0; i < chunk.size() && smaller == null; i++) {
                    List<Map<String, Object>> s = sparkRuns.get(i);
                    List<Map<String, Object>> e = engines.eddy(chunk.get(i));
                    if (!(refused(s) && refused(e)) && difference(s, e) != null) {
                        smaller = chunk.get(i);
                    }
                }
            }
            if (smaller == null) {
                return best;
            }
            best = smaller;
        }
        return best;
    }

    private static List<StreamCase> smallerCases(StreamCase c) {
        List<StreamCase> out = new ArrayList<>();
        for (int i = c.steps().size() - 1; i >= 0; i--) {
            List<Step> steps = new ArrayList<>(c.steps());
            steps.remove(i);
            out.add(c.withSteps(steps));
        }
        for (int i = 0; i < c.steps().size(); i++) {
            Step st = c.steps().get(i);
            if (st.restart()) {
                continue;
            }
            for (int in = 0; in < st.rows().size(); in++) {
                for (int j = 0; j < st.rows().get(in).size(); j++) {
                    List<List<List<Object>>> perInput = new ArrayList<>(st.rows());
                    List<List<Object>> rows = new ArrayList<>(perInput.get(in));
                    rows.remove(j);
                    perInput.set(in, rows);
                    List<Step> steps = new ArrayList<>(c.steps());
                    steps.set(i, new Step(perInput, false, null));
                    out.add(c.withSteps(steps));
                }
            }
        }
        return out;
    }
}
