package dev.eddy.sql.engine;

import static dev.eddy.sql.engine.BatchAndStream.answers;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spark 4 types greatest/least without promoting a string (its findWiderTypeWithoutStringPromotion): numbers widen
 * to one number, a DATE and a TIMESTAMP to a TIMESTAMP, NULL goes with anything, and any other mix fails the query
 * with [DATATYPE_MISMATCH.DATA_DIFF_TYPES] (Spark 4.2: {@code least(a, '3')} is refused, where {@code coalesce(a,
 * '3')} casts the string) — in a batch query and in a streaming query alike.
 */
class SqlGreatestLeastTypesBatchAndStreamTest {
    private static final BatchAndStream T =
            new BatchAndStream().row("a", 1, -1.5).row("b", 5, 4.0).row(null, null, null);

    private static void bothRefuse(String query, String types) {
        for (List<String> answer : List.of(T.batch(query), T.stream(query))) {
            assertThat(answer).as(query).hasSize(1);
            assertThat(answer.get(0))
                    .as(query)
                    .startsWith("error:")
                    .contains("[DATATYPE_MISMATCH.DATA_DIFF_TYPES]")
                    .contains(types);
        }
    }

    @Test
    void when_greatestOrLeastMixesAStringWithAnotherType_then_theQueryIsRefusedAsInSpark() {
        bothRefuse("SELECT least(a, '3') AS c FROM t", "[\"INT\", \"STRING\"]");
        bothRefuse("SELECT greatest(s, x) AS c FROM t", "[\"STRING\", \"DOUBLE\"]");
        bothRefuse("SELECT greatest(CAST('2024-01-01 00:00:00' AS TIMESTAMP), '2024-01-02') AS c FROM t", "STRING");
        bothRefuse("SELECT least(a > 1, 1) AS c FROM t", "[\"BOOLEAN\", \"INT\"]");
        bothRefuse("SELECT greatest(a, 2, least(s, 'b')) AS c FROM t", "[\"INT\", \"INT\", \"STRING\"]");
    }

    @Test
    void when_greatestOrLeastMixesNumbersStringsOrNull_then_itAnswersAsInSpark() {
        // Spark 4.2: numbers of any kind widen to one (INT with DOUBLE is DOUBLE), a NULL is skipped
        T.assertEachAnswers(
                answers("greatest(a, x, 2)", "2", "2", "5"),
                answers("least(a, NULL, 3)", "1", "3", "3"),
                answers("least(s, 'b', NULL)", "a", "b", "b"));
    }
}
