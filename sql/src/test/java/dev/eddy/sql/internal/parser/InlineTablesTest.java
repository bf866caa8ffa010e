package dev.eddy.sql.internal.parser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InlineTablesTest {
    @Test
    void when_valuesFollowFromOrJoin_then_theyArePutInParenthesesOverTheBlanks() {
        assertThat(InlineTables.parenthesize("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(a, b) WHERE a > 1"))
                .isEqualTo("SELECT * FROM(VALUES (1, 'a'), (2, 'b'))AS t(a, b) WHERE a > 1");
        assertThat(InlineTables.parenthesize("SELECT * FROM t2 JOIN VALUES 1, -2 t(v) ON t2.v = t.v"))
                .isEqualTo("SELECT * FROM t2 JOIN(VALUES 1, -2)t(v) ON t2.v = t.v");
        assertThat(InlineTables.parenthesize("SELECT col1 FROM VALUES (1), (NULL)"))
                .isEqualTo("SELECT col1 FROM(VALUES (1), (NULL))");
    }

    @Test
    void when_theTextKeepsItsLength_then_laterPositionsAreTheSame() {
        String sql = "SELECT * FROM VALUES ((1 + 2)), (3) AS t(a) WHERE nope = 1";
        assertThat(InlineTables.parenthesize(sql)).hasSameSizeAs(sql);
    }

    @Test
    void when_valuesAreParenthesisedQuotedOrOfAnotherShape_then_theTextIsLeftAsItIs() {
        for (String sql : new String[] {
            "SELECT * FROM (VALUES (1)) AS t(a)",
            "INSERT INTO s VALUES (1, 'a')",
            "SELECT 'FROM VALUES (1)' AS c -- FROM VALUES (2)",
            "SELECT * FROM \"VALUES\"",
            "SELECT * FROM VALUES a + 1 AS t(a)"
        }) {
            assertThat(InlineTables.parenthesize(sql)).as(sql).isEqualTo(sql);
        }
    }
}
