package dev.eddy.magics.internal.sql;

import dev.eddy.sql.api.Sql;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * The source text of each statement of a cell, as the person wrote it (kept for {@code %stream restart}; the
 * parsed form would come back in Calcite's own quoting, which Eddy's dialect does not read).
 */
final class StatementTexts {
    private StatementTexts() {}

    static List<String> of(String body) {
        List<String> out = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (SqlNode n : Sql.parse(body)) {
            SqlParserPos p = n.getParserPosition();
            out.add(slice(lines, p.getLineNum(), p.getColumnNum(), p.getEndLineNum(), p.getEndColumnNum()));
        }
        return out;
    }

    /** Lines and columns are 1-based and the end column is inclusive. */
    static String slice(String[] lines, int line, int col, int endLine, int endCol) {
        StringBuilder b = new StringBuilder();
        for (int l = line; l <= endLine && l <= lines.length; l++) {
            String text = lines[l - 1];
            int from = l == line ? Math.min(col - 1, text.length()) : 0;
            int to = l == endLine ? Math.min(endCol, text.length()) : text.length();
            b.append(text, from, Math.max(from, to));
            if (l < endLine) {
                b.append('\n');
            }
        }
        return b.toString();
    }
}
