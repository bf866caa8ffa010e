package dev.eddy.sql.internal.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Spark's inline table, {@code FROM VALUES (1, 'a'), (2, 'b') AS t(a, b)}: a VALUES list right after {@code FROM}
 * or {@code JOIN}, without the parentheses Calcite's grammar asks for there. Before parsing, the list is put in
 * parentheses ({@code FROM (VALUES ...) AS t(a, b)}), writing each parenthesis over a blank where there is one, so
 * that the positions of later errors stay those of the text the user wrote. Rows are parenthesised lists or single
 * literals ({@code VALUES 1, 2}); a list of another shape is left to the parser as it is.
 */
public final class InlineTables {
    private InlineTables() {}

    /** {@code sql} with each inline table after FROM or JOIN in parentheses. */
    public static String parenthesize(String sql) {
        return parenthesize(SourceMap.identity(sql)).text();
    }

    /** The text of {@code in} with each inline table after FROM or JOIN in parentheses, mapped to the user's text. */
    public static SourceMap parenthesize(SourceMap in) {
        String sql = in.text();
        StringBuilder out = new StringBuilder(sql);
        // where each character of out came from in sql; a parenthesis inserted takes the offset of the one after it
        List<Integer> from = new ArrayList<>(sql.length() + 1);
        for (int i = 0; i <= sql.length(); i++) {
            from.add(i);
        }
        Scanner s = new Scanner(out);
        String previous = "";
        while (s.next()) {
            String word = s.word();
            if (word.equalsIgnoreCase("VALUES") && (previous.equals("FROM") || previous.equals("JOIN"))) {
                int start = s.start;
                int end = s.rowsEnd();
                if (end > 0) {
                    close(out, from, end);
                    boolean inserted = open(out, from, start);
                    s.restart((inserted ? start + 1 : start) + word.length());
                }
            }
            previous = word.toUpperCase(Locale.ROOT);
        }
        return in.then(out.toString(), from.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Puts the opening parenthesis before VALUES; whether it was inserted (not written over a blank). */
    private static boolean open(StringBuilder out, List<Integer> from, int valuesStart) {
        if (valuesStart > 0 && (out.charAt(valuesStart - 1) == ' ' || out.charAt(valuesStart - 1) == '\t')) {
            out.setCharAt(valuesStart - 1, '(');
            return false;
        }
        out.insert(valuesStart, '(');
        from.add(valuesStart, from.get(valuesStart));
        return true;
    }

    private static void close(StringBuilder out, List<Integer> from, int rowsEnd) {
        if (rowsEnd < out.length() && (out.charAt(rowsEnd) == ' ' || out.charAt(rowsEnd) == '\t')) {
            out.setCharAt(rowsEnd, ')');
        } else {
            out.insert(rowsEnd, ')');
            from.add(rowsEnd, from.get(rowsEnd));
        }
    }

    /** A scanner of SQL tokens that skips blanks, comments and the insides of strings and quoted names. */
    private static final class Scanner {
        private final CharSequence text;
        private int pos;
        /** The current token's first character and the one after its last. */
        int start;

        int end;

        Scanner(CharSequence text) {
            this.text = text;
        }

        void restart(int at) {
            pos = at;
        }

        /** Moves to the next token; false at the end of the text. */
        boolean next() {
            skipBlanks();
            if (pos >= text.length()) {
                return false;
            }
            start = pos;
            char c = text.charAt(pos);
            if (c == '\'' || c == '"' || c == '`') {
                pos++;
                while (pos < text.length()) {
                    if (text.charAt(pos) == c) {
                        if (pos + 1 < text.length() && text.charAt(pos + 1) == c) {
                            pos += 2;
                            continue;
                        }
                        break;
                    }
                    pos++;
                }
                pos = Math.min(pos + 1, text.length());
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                while (pos < text.length()
                        && (Character.isLetterOrDigit(text.charAt(pos))
                                || text.charAt(pos) == '_'
                                || text.charAt(pos) == '.')) {
                    pos++;
                }
            } else {
                pos++;
            }
            end = pos;
            return true;
        }

        String word() {
            return text.subSequence(start, end).toString();
        }

        private void skipBlanks() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '-' && pos + 1 < text.length() && text.charAt(pos + 1) == '-') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == '/' && pos + 1 < text.length() && text.charAt(pos + 1) == '*') {
                    int close = text.toString().indexOf("*/", pos + 2);
                    pos = close < 0 ? text.length() : close + 2;
                } else {
                    return;
                }
            }
        }

        /**
         * After VALUES: reads rows separated by commas and returns where the last one ends, or -1 when a row is not a
         * parenthesised list or a literal (the text is then left to the parser).
         */
        int rowsEnd() {
            int save = pos;
            int rowEnd = -1;
            while (true) {
                if (!next()) {
                    pos = save;
                    return -1;
                }
                String w = word();
                if (w.equals("(")) {
                    int depth = 1;
                    while (depth > 0 && next()) {
                        String t = word();
                        depth += t.equals("(") ? 1 : t.equals(")") ? -1 : 0;
                    }
                    if (depth > 0) {
                        pos = save;
                        return -1;
                    }
                } else {
                    if (w.equals("-") || w.equals("+")) {
                        if (!next()) {
                            pos = save;
                            return -1;
                        }
                        w = word();
                    }
                    if (!isLiteral(w)) {
                        pos = save;
                        return -1;
                    }
                }
                rowEnd = end;
                int after = pos;
                if (!next() || !word().equals(",")) {
                    pos = after;
                    return rowEnd;
                }
            }
        }

        private static boolean isLiteral(String w) {
            char c = w.charAt(0);
            return c == '\''
                    || Character.isDigit(c)
                    || c == '.' && w.length() > 1
                    || w.equalsIgnoreCase("NULL")
                    || w.equalsIgnoreCase("TRUE")
                    || w.equalsIgnoreCase("FALSE");
        }
    }
}
