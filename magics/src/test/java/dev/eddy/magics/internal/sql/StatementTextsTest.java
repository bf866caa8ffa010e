package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementTextsTest {
    @Test
    void when_cellHasSeveralStatements_then_eachKeepsItsOwnSourceText() {
        String body = "CREATE STREAM s (`value` STRING) WITH ('connector' = 'memory');\n"
                + "SELECT `value`, COUNT(*)\n  FROM s GROUP BY `value`";
        assertThat(StatementTexts.of(body))
                .containsExactly(
                        "CREATE STREAM s (`value` STRING) WITH ('connector' = 'memory')",
                        "SELECT `value`, COUNT(*)\n  FROM s GROUP BY `value`");
    }
}
