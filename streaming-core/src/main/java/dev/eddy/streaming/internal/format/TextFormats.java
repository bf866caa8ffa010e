package dev.eddy.streaming.internal.format;

import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Bridges the text formats and the engine's columnar types: schemas both ways, parsed rows into a batch. */
public final class TextFormats {
    /** The column that keeps the raw text of a record that did not parse (Spark's name). */
    public static final String CORRUPT_RECORD = "_corrupt_record";

    private TextFormats() {}

    /** Parses one record into a row; the common face of the CSV and JSON-lines parsers. */
    @FunctionalInterface
    public interface RecordParser {
        boolean parse(String record, ParsedRow row);

        /**
         * Parses UTF-8 bytes (a topic record's value); bytes that are not valid UTF-8 make the record corrupt.
         * JSON reads them without making a String first.
         */
        default boolean parse(byte[] utf8, ParsedRow row) {
            String text = Utf8Text.decodeOrNull(utf8);
            if (text == null) {
                row.reset();
                return false;
            }
            return parse(text, row);
        }

        /**
         * A fast path over one record's UTF-8 bytes {@code b[off, off+len)}: true when it read them into the row and
         * is sure {@link #parse(String, ParsedRow)} of their text would give the same; false when the caller must
         * decode them and use {@link #parse(String, ParsedRow)} (the row may then hold partial values).
         */
        default boolean parseFast(byte[] b, int off, int len, ParsedRow row) {
            return false;
        }

        /**
         * The fast path straight into a batch: one record's UTF-8 bytes {@code b[off, off+len)} decoded into columns
         * {@code [0, n)} of {@code out}'s current row (n: the parser's columns; a column the record does not set is left
         * unset, so null at {@code endRow}), with no intermediate row. True when it did and is sure the full parser
         * would give the same; false when the caller must take the full path ({@link #parseFull} or
         * {@link #parse(String, ParsedRow)}): then nothing of the record is left set in the row.
         */
        default boolean decodeFast(byte[] b, int off, int len, BatchBuilder out) {
            return false;
        }

        /** {@link #parse(byte[], ParsedRow)} for a record {@link #decodeFast} did not take: the full path only. */
        default boolean parseFull(byte[] utf8, ParsedRow row) {
            return parse(utf8, row);
        }

        /**
         * Column pruning: the caller will not read the columns with {@code unread[c]} set, so a parser may leave them
         * null when that cannot change whether a record is corrupt (JSON's fast path makes no String for them).
         */
        default void skipUnread(boolean[] unread) {}
    }

    /** A parser for {@code csv}, {@code json} or {@code text} (one string column holding the whole record). */
    public static RecordParser parser(String format, List<ColumnSpec> columns, CsvOptions csv) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> csvParser(new CsvParser(csv), columns);
            case "json" ->
                jsonParser(
                        new JsonLinesParser(columns, csv.datetimes()), new FlatJsonScanner(columns, csv.datetimes()));
            case "text" ->
                (record, row) -> {
                    row.reset();
                    return row.setText(0, record);
                };
            default ->
                throw new IllegalArgumentException("unknown value format '" + format + "'; use csv, json or text");
        };
    }

    private static RecordParser csvParser(CsvParser csv, List<ColumnSpec> columns) {
        ValueType[] types = columns.stream().map(ColumnSpec::type).toArray(ValueType[]::new);
        BuilderSink sink = new BuilderSink();
        return new RecordParser() {
            @Override
            public boolean decodeFast(byte[] b, int off, int len, BatchBuilder out) {
                if (csv.parseFast(b, off, len, types, sink.into(out))) {
                    return true;
                }
                out.clearRow();
                return false;
            }

            @Override
            public boolean parseFull(byte[] utf8, ParsedRow row) {
                return RecordParser.super.parse(utf8, row);
            }

            @Override
            public boolean parse(String record, ParsedRow row) {
                return csv.parse(record, row);
            }

            @Override
            public boolean parse(byte[] utf8, ParsedRow row) {
                return csv.parseFast(utf8, 0, utf8.length, row) || RecordParser.super.parse(utf8, row);
            }

            @Override
            public boolean parseFast(byte[] b, int off, int len, ParsedRow row) {
                return csv.parseFast(b, off, len, row);
            }
        };
    }

    private static RecordParser jsonParser(JsonLinesParser json, FlatJsonScanner fast) {
        BuilderSink sink = new BuilderSink();
        return new RecordParser() {
            @Override
            public boolean decodeFast(byte[] b, int off, int len, BatchBuilder out) {
                if (fast.parse(b, off, len, sink.into(out))) {
                    return true; // the common record, straight into the batch's columns
                }
                out.clearRow();
                return false;
            }

            @Override
            public boolean parseFull(byte[] utf8, ParsedRow row) {
                if (!Utf8Text.isValid(utf8)) { // Jackson lets encoded surrogates and overlong forms through
                    row.reset();
                    return false;
                }
                return json.parse(utf8, row);
            }

            @Override
            public boolean parse(String record, ParsedRow row) {
                return json.parse(record, row);
            }

            @Override
            public boolean parse(byte[] utf8, ParsedRow row) {
                if (fast.parse(utf8, 0, utf8.length, row)) {
                    return true; // the common flat record, read in place
                }
                if (!Utf8Text.isValid(utf8)) { // Jackson lets encoded surrogates and overlong forms through
                    row.reset();
                    return false;
                }
                return json.parse(utf8, row);
            }

            @Override
            public boolean parseFast(byte[] b, int off, int len, ParsedRow row) {
                return fast.parse(b, off, len, row);
            }

            @Override
            public void skipUnread(boolean[] unread) {
                fast.skipText(unread);
            }
        };
    }

    public static List<ColumnSpec> columns(Schema schema) {
        List<ColumnSpec> out = new ArrayList<>();
        for (Field f : schema.fields()) {
            if (f.type() == DataType.STRUCT) {
                throw new IllegalArgumentException("column '" + f.name()
                        + "': struct columns cannot be read from text; declare its fields as columns");
            }
            out.add(new ColumnSpec(f.name(), ValueType.valueOf(f.type().name())));
        }
        return out;
    }

    /**
     * The value columns of a declared schema: the columns before {@code _corrupt_record} if it is there. The engine
     * hands a source its own resolved output schema again at start (value columns, {@code _corrupt_record}, then
     * metadata columns), and that must give the same columns as the schema the user declared.
     */
    public static List<ColumnSpec> declaredColumns(Schema schema) {
        int corrupt = schema.indexOf(CORRUPT_RECORD);
        return corrupt < 0 ? columns(schema) : columns(Schema.of(schema.fields().subList(0, corrupt)));
    }

    /**
     * The value columns of a declared schema read with a corrupt-record column named {@code corruptColumn}: every
     * declared column but that one (the reader puts it last). A file source is handed its own output schema again at
     * start (values, then the corrupt column), which gives the same columns.
     */
    public static List<ColumnSpec> valueColumns(Schema schema, String corruptColumn) {
        int at = schema.indexOf(corruptColumn);
        if (at < 0) {
            return columns(schema);
        }
        List<Field> values = new ArrayList<>(schema.fields());
        values.remove(at);
        return columns(Schema.of(values));
    }

    /**
     * Column pruning: for each of {@code names}, true when it is not among {@code read} (a null {@code read}: all
     * are read).
     */
    public static boolean[] unread(List<String> names, Set<String> read) {
        boolean[] out = new boolean[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read != null && !read.contains(names.get(i));
        }
        return out;
    }

    /** {@link #unread} over the names of text columns. */
    public static boolean[] unreadColumns(List<ColumnSpec> columns, Set<String> read) {
        return unread(columns.stream().map(ColumnSpec::name).toList(), read);
    }

    /** A builder for {@code schema} that leaves the columns with {@code unread[c]} set null (see BatchBuilder). */
    public static BatchBuilder builder(Schema schema, boolean[] unread, int expectedRows) {
        var b = Batch.builder(schema, expectedRows);
        for (int c = 0; c < unread.length; c++) {
            if (unread[c]) {
                b.leaveNull(c);
            }
        }
        return b;
    }

    public static List<Field> fields(List<ColumnSpec> columns) {
        List<Field> out = new ArrayList<>();
        for (ColumnSpec c : columns) {
            out.add(Field.of(c.name(), DataType.valueOf(c.type().name())));
        }
        return out;
    }

    /** Writes the parsed values into columns {@code [first, first + row.size())} of the builder's current row. */
    public static void write(ParsedRow row, BatchBuilder out, int first) {
        for (int c = 0; c < row.size(); c++) {
            int col = first + c;
            if (!row.isSet[c]) {
                out.setNull(col);
                continue;
            }
            switch (row.type(c)) {
                case INT, DATE -> out.setInt(col, (int) row.longs[c]);
                case LONG, TIMESTAMP -> out.setLong(col, row.longs[c]);
                case DOUBLE -> out.setDouble(col, row.doubles[c]);
                case BOOLEAN -> out.setBoolean(col, row.booleans[c]);
                case STRING -> out.setString(col, row.strings[c]);
            }
        }
    }
}
