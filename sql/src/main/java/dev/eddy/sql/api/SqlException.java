package dev.eddy.sql.api;

/**
 * Bad SQL: one short message that already names the position ("... at line 2, column 8 ..."), plus the
 * position as numbers for editors. Line and column are 1-based and refer to the whole text given to
 * {@link Sql#execute}; 0 means the error has no position.
 */
public final class SqlException extends RuntimeException {
    private final int line;
    private final int column;

    public SqlException(String message, int line, int column) {
        super(message, null, false, false);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
