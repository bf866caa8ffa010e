package dev.eddy.sql.internal.translate;

/** A construct Calcite accepts that the engine cannot run yet; Sql turns it into a SqlException. */
public final class Unsupported extends RuntimeException {
    public Unsupported(String message) {
        super(message, null, false, false);
    }
}
