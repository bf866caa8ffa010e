package dev.eddy.sql.internal.validate;

import dev.eddy.sql.api.NameSuggester;
import dev.eddy.sql.api.Relation;
import dev.eddy.sql.api.SqlException;
import dev.eddy.sql.internal.parser.ParseException;
import dev.eddy.sql.internal.parser.Token;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Turns Calcite's exceptions into one short line with the position. Calcite's syntax errors list every
 * token that could have come next (kilobytes); users need the token that was wrong and where it is.
 */
public final class ErrorMessages {
    // Calcite's validator messages (CalciteResource); matched to add the stream name and a suggestion
    private static final Pattern COLUMN_IN_ANY = Pattern.compile("Column '(.+)' not found in any table");
    private static final Pattern COLUMN_IN_TABLE = Pattern.compile("Column '(.+)' not found in table '(.+)'");
    private static final Pattern NEAR_KEYWORD = Pattern.compile("Incorrect syntax near the keyword '(.+?)'");
    private static final Pattern WINDOW_ARGS = Pattern.compile("Cannot apply '(TUMBLE|HOP|SESSION)'");
    private static final Pattern OBJECT = Pattern.compile("(?:Object|Table) '(.+?)' not found.*");

    private ErrorMessages() {}

    /** Deeper nesting than this is refused before parsing (the parser recurses per parenthesis). */
    static final int MAX_NESTING = 250;

    /**
     * Refuses text nested deeper than {@link #MAX_NESTING} parentheses with one line and the position of the first
     * parenthesis too many (3,000 nested parentheses made Calcite's parser fail with a NullPointerException).
     * Parentheses inside quotes and comments do not count.
     */
    public static void checkNesting(String text) {
        int depth = 0;
        int line = 1;
        int column = 0;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            column++;
            if (ch == '\n') {
                line++;
                column = 0;
            }
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '\'' || ch == '`' || ch == '"') {
                quote = ch;
            } else if (ch == '-' && i + 1 < text.length() && text.charAt(i + 1) == '-') {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else if (ch == '(' && ++depth > MAX_NESTING) {
                throw at(
                        "Syntax error",
                        line,
                        column,
                        "expression nested more than " + MAX_NESTING + " parentheses deep; simplify it");
            } else if (ch == ')') {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /**
     * A batch SUM that overflowed (Spark's [ARITHMETIC_OVERFLOW]) names the SUM and its position; other errors are
     * returned as they are.
     */
    public static SqlException namingSum(SqlException e, SqlNode validated) {
        if (e.getMessage() == null || !e.getMessage().contains("overflow in sum")) {
            return e;
        }
        List<SqlCall> sums = new ArrayList<>();
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.SUM) {
                    sums.add(call);
                }
                return super.visit(call);
            }
        });
        if (sums.isEmpty()) {
            return e;
        }
        SqlCall sum = sums.get(0);
        String text = sum.toString().replace('\n', ' ');
        text = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        String detail = e.getMessage().replaceFirst("^Query failed: ", "").replace("overflow in sum", "overflow");
        return at(
                sum.getParserPosition(),
                "Query failed: "
                        + detail.replaceFirst(
                                "\\. Use", " in " + text + (sums.size() > 1 ? " (or another SUM)" : "") + ". Use"));
    }

    /** True if the parser found nothing but blanks and comments. */
    public static boolean isEmptyInput(SqlParseException e) {
        return e.getCause() instanceof ParseException pe
                && pe.currentToken != null
                && pe.currentToken.endLine == 0
                && pe.currentToken.next != null
                && pe.currentToken.next.kind == 0;
    }

    /** Statement keywords a misspelt first word is compared with. */
    private static final List<String> STATEMENT_KEYWORDS =
            List.of("SELECT", "CREATE", "INSERT", "DROP", "DESCRIBE", "EXPLAIN", "SHOW", "WITH", "VALUES");

    /**
     * Like {@link #syntax(SqlParseException)}; with the statement text, a statement that starts with a word that is
     * no keyword (Calcite: "Non-query expression encountered in illegal context") is a syntax error near that word,
     * naming the keyword it probably misspells.
     */
    public static SqlException syntax(SqlParseException e, String text) {
        SqlParserPos pos = e.getPos();
        if (text != null && pos != null && firstLine(e.getMessage()).startsWith("Non-query expression")) {
            String word = wordAt(text, pos.getLineNum(), pos.getColumnNum());
            if (!word.isEmpty()) {
                String upper = word.toUpperCase(Locale.ROOT);
                String hint = !startsStatement(text, pos.getLineNum(), pos.getColumnNum())
                        ? "" // inside a statement (DESCRIBE a.b.c): no keyword to suggest
                        : NameSuggester.closest(upper, STATEMENT_KEYWORDS)
                                .map(k -> k.equals(upper)
                                        ? " (an incomplete " + k + " statement)"
                                        : " (probably a misspelt " + k + ")")
                                .orElse(" (a statement starts with SELECT, CREATE, ...)");
                return at("Syntax error", pos.getLineNum(), pos.getColumnNum(), "unexpected '" + word + "'" + hint);
            }
        }
        return syntax(e);
    }

    /** True if only blanks and comments (after a ';' ending the statement before) come before a line and column. */
    static boolean startsStatement(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return false;
        }
        StringBuilder before = new StringBuilder();
        for (int l = 0; l < line - 1; l++) {
            before.append(lines[l]).append('\n');
        }
        String l = lines[line - 1];
        before.append(l, 0, Math.min(Math.max(column - 1, 0), l.length()));
        String code = before.toString().replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\n]*", " ");
        return code.substring(code.lastIndexOf(';') + 1).isBlank();
    }

    /** The identifier-like word at a 1-based line and column, at most 40 characters, or "". */
    static String wordAt(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length || column < 1 || column > lines[line - 1].length()) {
            return "";
        }
        String l = lines[line - 1];
        int end = column - 1;
        while (end < l.length()
                && end - (column - 1) < 40
                && (Character.isLetterOrDigit(l.charAt(end)) || l.charAt(end) == '_')) {
            end++;
        }
        return l.substring(column - 1, end);
    }

    public static SqlException syntax(SqlParseException e) {
        Throwable cause = e.getCause();
        if (cause instanceof ParseException pe && pe.currentToken != null && pe.currentToken.next != null) {
            Token next = pe.currentToken.next;
            if (next.kind == 0) {
                // JavaCC puts end-of-input on the last character; users expect the place just after it
                Token last = pe.currentToken;
                return at("Syntax error", last.endLine, last.endColumn + 1, "unexpected end of input");
            }
            String hint = next.image.startsWith("\"")
                    ? " (quote names with back-ticks: `name`)"
                    : next.image.equals("'") ? " (a string is not closed)" : "";
            return at("Syntax error", next.beginLine, next.beginColumn, "unexpected '" + next.image + "'" + hint);
        }
        SqlParserPos pos = e.getPos();
        // some of Calcite's messages end with their own position ("Illegal INTERVAL literal  DAY; at line 1, ...")
        String detail = firstLine(e.getMessage()).replaceFirst(";?\\s*at line \\d+, column \\d+\\.?$", "");
        if (pos == null) {
            // Calcite gives no position for errors its parser's Java code throws (a numeric literal Java cannot
            // read, UESCAPE of more than one character): the message says what is wrong without a place
            String what = e.getCause() instanceof NumberFormatException
                    ? "a numeric literal cannot be read (" + detail + ")"
                    : detail;
            return new SqlException("Syntax error: " + clip(what), 0, 0);
        }
        Matcher keyword = NEAR_KEYWORD.matcher(detail);
        if (keyword.lookingAt()) {
            return at("Syntax error", pos.getLineNum(), pos.getColumnNum(), "unexpected '" + keyword.group(1) + "'");
        }
        if (detail.startsWith("Lexical error")) {
            detail = detail.replaceFirst("Lexical error at line \\d+, column \\d+\\.\\s*", "");
            return at("Lexical error", pos.getLineNum(), pos.getColumnNum(), detail);
        }
        return at("Syntax error", pos.getLineNum(), pos.getColumnNum(), detail);
    }

    /**
     * A validation error. {@code referenced} are the catalog entries the statement reads (for "in stream
     * 'x'" and column suggestions), {@code extraColumns} columns the query adds (window_start, ...).
     */
    public static SqlException validation(
            CalciteContextException e,
            List<Relation> referenced,
            Collection<String> extraColumns,
            Collection<String> allRelationNames) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage()
                : e.getMessage() != null ? e.getMessage() : "invalid query";
        int line = e.getPosLine();
        int column = e.getPosColumn();
        Matcher m = COLUMN_IN_ANY.matcher(message);
        Matcher t = COLUMN_IN_TABLE.matcher(message);
        if (m.matches() || t.matches()) {
            String name = m.matches() ? m.group(1) : t.group(1);
            if (name.equalsIgnoreCase("window")) {
                return new SqlException(
                        "Select window.start and window.end; a whole 'window' column is not" + " available in SQL"
                                + positionSuffix(line, column),
                        line,
                        column);
            }
            if (name.equalsIgnoreCase("window_start") || name.equalsIgnoreCase("window_end")) {
                return new SqlException(
                        "window.start and window.end need window(...) or session_window(...) in"
                                + " GROUP BY, or TUMBLE/HOP/SESSION in FROM" + positionSuffix(line, column),
                        line,
                        column);
            }
            List<String> candidates = new ArrayList<>(extraColumns);
            referenced.forEach(r -> candidates.addAll(r.schema().names()));
            String where = referenced.size() == 1
                    ? " in " + referenced.get(0).kind().word() + " '"
                            + referenced.get(0).name() + "'"
                    : t.matches() ? " in '" + t.group(2) + "'" : "";
            return suggest("Unknown column '" + name + "'" + where, line, column, name, candidates);
        }
        Matcher w = WINDOW_ARGS.matcher(message);
        if (w.lookingAt()) {
            return new SqlException(
                    w.group(1) + " needs a TIMESTAMP column as its time column and INTERVAL" + " sizes"
                            + positionSuffix(line, column),
                    line,
                    column);
        }
        Matcher o = OBJECT.matcher(message);
        if (o.matches()) {
            String name = o.group(1);
            return suggest("Unknown stream or table '" + name + "'", line, column, name, allRelationNames);
        }
        // Calcite lists every supported form on lines of their own: the first line says what is wrong
        String first = clip(firstLine(message).replaceFirst("\\. Supported form\\(s\\):.*$", ""));
        return new SqlException(first + positionSuffix(line, column), line, column);
    }

    /** Quoted text longer than 80 characters is cut, so no message echoes a long input. */
    static String clip(String s) {
        return s.replaceAll("'([^']{60})[^']{20,}'", "'$1...'");
    }

    /** An error found by Eddy's own checks, at a parser position. */
    public static SqlException at(SqlParserPos pos, String message) {
        return new SqlException(
                message + positionSuffix(pos.getLineNum(), pos.getColumnNum()), pos.getLineNum(), pos.getColumnNum());
    }

    /** Like {@link #at(SqlParserPos, String)}, with an explanation after the position. */
    public static SqlException at(SqlParserPos pos, String message, String why) {
        return new SqlException(
                message + positionSuffix(pos.getLineNum(), pos.getColumnNum()) + ": " + why,
                pos.getLineNum(),
                pos.getColumnNum());
    }

    private static SqlException suggest(
            String head, int line, int column, String wrong, Collection<String> candidates) {
        Optional<String> best = NameSuggester.closest(wrong, candidates).filter(b -> !b.equalsIgnoreCase(wrong));
        String tail = best.map(b -> ". Did you mean '" + b + "'?").orElse("");
        return new SqlException(head + positionSuffix(line, column) + tail, line, column);
    }

    private static SqlException at(String kind, int line, int column, String detail) {
        return new SqlException(kind + " at line " + line + ", column " + column + ": " + clip(detail), line, column);
    }

    private static String positionSuffix(int line, int column) {
        return line > 0 ? " at line " + line + ", column " + column : "";
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid SQL";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        int was = line.indexOf("Was expecting");
        return (was < 0 ? line : line.substring(0, was)).trim();
    }
}
