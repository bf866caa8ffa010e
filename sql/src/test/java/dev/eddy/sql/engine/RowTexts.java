package dev.eddy.sql.engine;

import dev.eddy.streaming.api.data.Row;
import java.util.ArrayList;
import java.util.List;

/** Rows as sorted lines of space-separated values, so tests compare results whatever their order. */
final class RowTexts {
    private RowTexts() {}

    static List<String> sorted(List<Row> rows) {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                sb.append(i > 0 ? " " : "").append(r.get(i));
            }
            out.add(sb.toString());
        }
        out.sort(null);
        return out;
    }
}
