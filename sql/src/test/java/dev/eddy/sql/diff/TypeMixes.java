package dev.eddy.sql.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * Every pair of values of Spark's types (columns, literals, text that reads as a number, a boolean or a time, NULL)
 * under the forms whose type rules Calcite's and Spark's differ in: coalesce, CASE, IF, nvl, nullif, greatest,
 * IN (with and without a NULL in the list), {@code =}, {@code <}, {@code %}; each selected with its {@code typeof}.
 * {@code -Deddy.diff.probe=mixes} runs them against Spark (SparkBatchDifferentialIT) and reports each difference.
 */
final class TypeMixes {
    private static final List<String> VALUES = List.of(
            "a",
            "b",
            "x",
            "s",
            "flag",
            "ts",
            "to_date(ts)",
            "DATE '2024-01-15'",
            "CAST(a AS DECIMAL(10, 2))",
            "CAST(id AS SMALLINT)",
            "1",
            "1.5",
            "0.0E0",
            "'3'",
            "'2024-01-15 10:00:00'",
            "'true'",
            "NULL");

    private static final List<String> FORMS = List.of(
            "coalesce(%s, %s)",
            "CASE WHEN id > 10 THEN %s ELSE %s END",
            "nvl(%s, %s)",
            "nullif(%s, %s)",
            "greatest(%s, %s)",
            "%s IN (%s, NULL)",
            "%s NOT IN (%s, id)",
            "(%s = %s)",
            "(%s < %s)",
            "(%s %% %s)");

    private TypeMixes() {}

    static List<String> queries() {
        List<String> out = new ArrayList<>();
        for (String form : FORMS) {
            for (String p : VALUES) {
                for (String q : VALUES) {
                    String e = String.format(form, p, q);
                    out.add("SELECT " + e + " AS c1, typeof(" + e + ") AS c2 FROM t1");
                }
            }
        }
        return out;
    }
}
