// The tutorials' shared setup (notebooks/tutorial-setup.jsh): imports, and helpers for the checks.
// Every tutorial starts with this cell, collapsed; notebooks/tools/tidy.py copies it in.
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Row;
import dev.eddy.streaming.api.topic.Topics;
import dev.eddy.streaming.api.checkpoint.CheckpointInfo;
import static dev.eddy.streaming.api.expr.Functions.col;
import static dev.eddy.streaming.api.expr.Functions.window;
import static dev.eddy.streaming.api.expr.Functions.explode;
import static dev.eddy.streaming.api.expr.Functions.split;

// at("12:07") is 12:07 UTC on the day every tutorial's events happen
Instant at(String hhmm) { return Instant.parse("2024-05-01T" + hhmm + ":00Z"); }

// "12:07" from "2024-05-01T12:07:00Z"
String hm(String iso) { return iso.substring(11, 16); }

// each row of t as "v1 v2 ..." (the named columns; times as HH:MM; a missing value as null), sorted
List<String> rows(Table t, String... cols) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.rowCount(); i++) {
        List<String> vs = new ArrayList<>();
        for (String c : cols) {
            String v = t.column(c).isMissing(i) ? "null" : t.column(c).getString(i);
            vs.add(v.length() > 16 && v.charAt(10) == 'T' ? hm(v) : v);
        }
        out.add(String.join(" ", vs));
    }
    Collections.sort(out);
    return out;
}

// fails the cell unless got holds exactly the rows want, in any order
void expect(List<String> got, String... want) {
    List<String> w = new ArrayList<>(List.of(want));
    Collections.sort(w);
    if (!got.equals(w)) throw new AssertionError("expected " + w + " but got " + got);
}
