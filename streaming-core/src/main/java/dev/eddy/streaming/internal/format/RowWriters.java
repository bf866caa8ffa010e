package dev.eddy.streaming.internal.format;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.Column;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.LongColumn;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.data.StructColumn;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes batch rows as JSON objects (structs nested, timestamps ISO-8601, nulls left out as Spark does) or as CSV
 * records (struct fields flattened to {@code parent.child} columns, fields quoted when needed).
 */
public final class RowWriters {
    private RowWriters() {}

    /** One row as a JSON object, e.g. a topic record's value. */
    public static String json(Batch b, int row) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JsonLinesParser.FACTORY.createGenerator(w)) {
            writeObject(g, b.schema().fields(), columns(b), row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Every row as one JSON line. */
    public static void jsonLines(Batch b, Writer out) throws IOException {
        Column[] cols = columns(b);
        try (JsonGenerator g = JsonLinesParser.FACTORY.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (int r = 0; r < b.numRows(); r++) {
                writeObject(g, b.schema().fields(), cols, r);
                g.flush();
                out.write('\n');
            }
        }
    }

    private static Column[] columns(Batch b) {
        Column[] cols = new Column[b.numColumns()];
        for (int i = 0; i < cols.length; i++) {
            cols[i] = b.column(i);
        }
        return cols;
    }

    private static void writeObject(JsonGenerator g, List<Field> fields, Column[] cols, int r) throws IOException {
        g.writeStartObject();
        for (int c = 0; c < cols.length; c++) {
            if (cols[c].isNull(r)) {
                continue;
            }
            g.writeFieldName(fields.get(c).name());
            writeValue(g, fields.get(c), cols[c], r);
        }
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, Field f, Column col, int r) throws IOException {
        switch (f.type()) {
            case TIMESTAMP -> g.writeString(Timestamps.format(((LongColumn) col).getLong(r)));
            case STRUCT -> {
                StructColumn s = (StructColumn) col;
                Column[] kids = new Column[s.fields().size()];
                for (int i = 0; i < kids.length; i++) {
                    kids[i] = s.child(i);
                }
                writeObject(g, s.fields(), kids, r);
            }
            case STRING -> g.writeString((String) col.get(r));
            case BOOLEAN -> g.writeBoolean((Boolean) col.get(r));
            case DOUBLE -> g.writeNumber((Double) col.get(r));
            case INT -> g.writeNumber((Integer) col.get(r));
            case LONG -> g.writeNumber((Long) col.get(r));
            case DATE -> g.writeString(col.get(r).toString()); // 2024-01-05, as Spark writes a date
            // Spark writes an interval as its text: INTERVAL '3' DAY
            case INTERVAL_DAY, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH ->
                g.writeString(f.intervalFields().format(((LongColumn) col).getLong(r)));
        }
    }

    /** CSV header names, with struct fields flattened. */
    public static List<String> csvHeader(Schema schema) {
        List<String> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (f.type() == DataType.STRUCT) {
                f.children().forEach(k -> out.add(f.name() + "." + k.name()));
            } else {
                out.add(f.name());
            }
        }
        return out;
    }

    public static void csvRecord(List<String> values, CsvOptions o, Appendable out) throws IOException {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(o.separator());
            }
            String v = values.get(i);
            if (v == null) {
                continue;
            }
            boolean quote = v.isEmpty()
                    || v.indexOf(o.separator()) >= 0
                    || v.indexOf(o.quote()) >= 0
                    || v.indexOf('\n') >= 0
                    || v.indexOf('\r') >= 0;
            if (quote) {
                out.append(o.quote());
                for (int k = 0; k < v.length(); k++) {
                    char c = v.charAt(k);
                    if (c == o.quote()) {
                        out.append(o.escape()); // \" by default, as Spark writes it ("" with escape '"')
                    } else if (c == o.escape() && o.escapeOfEscape() != '\0') {
                        out.append(o.escapeOfEscape()); // so the reader never takes it for an escaped quote
                    }
                    out.append(c);
                }
                out.append(o.quote());
            } else {
                out.append(v);
            }
        }
        out.append('\n');
    }

    /** Every row as a CSV record (no header). */
    public static void csvRows(Batch b, CsvOptions o, Appendable out) throws IOException {
        List<String> vals = new ArrayList<>();
        for (int r = 0; r < b.numRows(); r++) {
            vals.clear();
            for (int c = 0; c < b.numColumns(); c++) {
                addCsvValues(b.schema().field(c), b.column(c), r, vals);
            }
            csvRecord(vals, o, out);
        }
    }

    private static void addCsvValues(Field f, Column col, int r, List<String> vals) {
        if (f.type() == DataType.STRUCT) {
            StructColumn s = (StructColumn) col;
            for (int i = 0; i < s.fields().size(); i++) {
                addCsvValues(s.fields().get(i), s.child(i), r, vals);
            }
        } else if (col.isNull(r)) {
            vals.add(null);
        } else if (f.type() == DataType.TIMESTAMP) {
            vals.add(Timestamps.format(((LongColumn) col).getLong(r)));
        } else if (f.type().isInterval()) {
            vals.add(f.intervalFields().format(((LongColumn) col).getLong(r)));
        } else {
            vals.add(String.valueOf(col.get(r)));
        }
    }
}
