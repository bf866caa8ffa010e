package dev.eddy.sql.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The differential corpus really mixes its query shapes over the seeds the harness uses. */
class BatchCorpusTest {
    /** The harness compares doubles to 1e-12 relative, but an infinity only with itself (it passed 1.5E308 before). */
    @Test
    void when_anInfinityMeetsAFiniteNumber_then_theyDiffer() {
        assertThat(Answers.equal(Double.POSITIVE_INFINITY, 1.5E308)).isFalse();
        assertThat(Answers.equal(-1.5E308, Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(Answers.equal(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY))
                .isTrue();
        assertThat(Answers.equal(1.0, 1.0 + 1e-15)).isTrue();
    }

    /**
     * An approx_count_distinct item is asked of Spark exactly as COUNT(DISTINCT) of the same argument (what Eddy must
     * answer); Spark's estimate is held to its error of that count, which the fixed 10% before was not (seed 1212:
     * 15 for 17 distinct square roots).
     */
    @Test
    void when_aQueryHasAnApproxCount_then_itsExactFormCountsTheSameArgumentDistinct() {
        Query q = new Query(
                List.of("id % 2", "approx_count_distinct(sqrt(x))"),
                List.of(false, true),
                "t1",
                null,
                "id % 2",
                null,
                null,
                null,
                false);
        assertThat(q.exactSql())
                .isEqualTo("SELECT id % 2 AS c1, COUNT(DISTINCT sqrt(x)) AS c2 FROM t1 GROUP BY id % 2");
        assertThat(q.hasApprox()).isTrue();
        assertThat(Answers.withinEstimateError(15L, 17L)).isTrue();
        assertThat(Answers.withinEstimateError(11L, 12L)).isTrue();
        assertThat(Answers.withinEstimateError(12L, 17L)).isFalse();
        assertThat(Answers.withinEstimateError(78L, 100L)).isFalse();
        assertThat(Answers.withinEstimateError(81L, 100L)).isTrue();
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_everyShapeIsAmongThem() {
        int grouped = 0;
        int joins = 0;
        int ordered = 0;
        int ungrouped = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            Query q = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i).next();
            grouped += q.groupBy() != null ? 1 : 0;
            ungrouped += q.groupBy() == null ? 1 : 0;
            joins += q.from().contains("JOIN") ? 1 : 0;
            ordered += q.orderBy() != null ? 1 : 0;
        }
        // next() draws projections 2/10, grouped 2/10, global 1/10, ordered 1/10, joins 2/10: each well above 5%
        assertThat(List.of(grouped, ungrouped, joins, ordered))
                .as("grouped, ungrouped, joins, ordered of %d", count)
                .allMatch(n -> n > count / 20);
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_failingConstantsInBranchesAndNaNBesideDistinctAreAmongThem() {
        int constantsInBranches = 0;
        int floatingBesideDistinct = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            constantsInBranches += sql.matches(".*(CASE WHEN|IF\\(|coalesce\\().*'(x|y|1\\.5x)'.*") ? 1 : 0;
            floatingBesideDistinct +=
                    sql.contains("COUNT(DISTINCT") && sql.matches(".*(sqrt|Infinity|1\\.0E307).*") ? 1 : 0;
        }
        // each is a tenth of the draws: a regression in either shows in the default run
        assertThat(List.of(constantsInBranches, floatingBesideDistinct))
                .as("constants in branches, floating aggregates beside COUNT(DISTINCT) of %d", count)
                .allMatch(n -> n > count / 20);
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_inlineTablesAndGroupedFailingConstantsAreAmongThem() {
        int inline = 0;
        int groupedOrSortedConstant = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            inline += sql.contains("JOIN VALUES") ? 1 : 0;
            groupedOrSortedConstant +=
                    sql.matches(".*WHERE .*(GROUP BY a|ORDER BY CAST\\('x' AS INT\\)).*") && sql.contains("'x'")
                            ? 1
                            : 0;
        }
        // rarer shapes (a fortieth and a sixtieth of the draws): the CI's subset still holds a few of each
        assertThat(List.of(inline, groupedOrSortedConstant))
                .as("inline tables, grouped or sorted failing constants of %d", count)
                .allMatch(n -> n > 0);
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_intervalQuotientsSecondsAndDateDiffAreAmongThem() {
        int quotients = 0;
        int seconds = 0;
        int dateDiffs = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            // the literal quotients (half of them; the others divide a difference of dates or timestamps)
            quotients += sql.contains("INTERVAL '3' HOUR / ") || sql.contains("YEAR TO MONTH / ") ? 1 : 0;
            seconds += sql.contains("extract(SECOND FROM (") || sql.contains("extract(SECOND FROM INTERVAL") ? 1 : 0;
            dateDiffs += sql.contains("date_diff(") ? 1 : 0;
        }
        // a ninth of the projections each (half of that for the literal quotients): the default run would catch a
        // regression
        assertThat(List.of(quotients, seconds, dateDiffs))
                .as("interval quotients, seconds of intervals, date_diff of %d", count)
                .allMatch(n -> n >= 3);
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_intervalProductsCastsConstructorsAndLiteralsAreAmongThem() {
        int products = 0;
        int casts = 0;
        int made = 0;
        int literals = 0;
        int inlineWithInterval = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            products += sql.matches(".*(\\) \\* |INTERVAL '[^']*' [A-Z ]+ \\* ).*") ? 1 : 0;
            casts += sql.contains(" AS INTERVAL ") ? 1 : 0;
            made += sql.contains("make_dt_interval(") || sql.contains("make_ym_interval(") ? 1 : 0;
            literals += sql.matches(".*INTERVAL -?'?\\d+'? [A-Z]+ '?\\d.*") ? 1 : 0;
        }
        // an inline join beside an interval item is rarer (about one query in two hundred): counted over 1,000
        for (int i = 0; i < 1000; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            inlineWithInterval += sql.contains("JOIN VALUES") && sql.contains("INTERVAL") ? 1 : 0;
        }
        // the default run (the CI's subset) draws a few of each, so a regression in any shows there
        assertThat(List.of(products, casts, made, literals))
                .as("interval products, casts, make_*_interval, literals of several units of %d", count)
                .allMatch(n -> n >= 2);
        assertThat(inlineWithInterval)
                .as("inline joins beside interval items of 1,000")
                .isPositive();
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_failingTermsBesideWhatTheWhereSaysAreAmongThem() {
        int beforeAFact = 0;
        int underAFact = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            // a WHERE term that may fail before (or beside) a column's IS NULL or ranges that do not meet
            beforeAFact += sql.matches(".*WHERE .*CAST\\((t1\\.)?s AS (INT|DOUBLE)\\).*(IS NULL|< 3|= 2).*")
                            || sql.contains("a = CAST('x' AS INT)")
                    ? 1
                    : 0;
            // a SELECT item that may fail over a WHERE that says a column is NULL or equal to a value
            underAFact += sql.matches("SELECT .*CAST\\('x' AS (INT|DOUBLE)\\).* WHERE .*(IS NULL|a = 1).*") ? 1 : 0;
        }
        // a twentieth of the draws between them: the CI's subset holds a few of each
        assertThat(List.of(beforeAFact, underAFact))
                .as("failing WHERE terms before a fact, failing items under one, of %d", count)
                .allMatch(n -> n >= 2);
    }

    @Test
    void when_theHarnessDrawsItsDefaultQueries_then_longOrChainsAndLongInListsAreAmongThem() {
        int chains = 0;
        int lists = 0;
        int count = SparkBatchDifferentialIT.COUNT;
        for (int i = 0; i < count; i++) {
            int chainsBefore = CorpusLists.chains;
            int listsBefore = CorpusLists.lists;
            String sql = new BatchCorpus(SparkBatchDifferentialIT.SEED * 1_000_003L + i)
                    .next()
                    .sql();
            if (CorpusLists.chains > chainsBefore) {
                chains++;
                assertThat(sql).matches(".*( OR .*){7}");
            }
            if (CorpusLists.lists > listsBefore) {
                lists++;
                assertThat(sql).matches(".* IN \\((.*, ){7}.*");
            }
        }
        // OR chains of 8 or more equalities become the engine's in: a regression there shows in the default run
        assertThat(List.of(chains, lists))
                .as("queries with an OR chain, with a long IN list, of %d", count)
                .allMatch(n -> n >= count / 60);
    }
}
