package dev.eddy.streaming.api;

/** What a user lambda's exception on one row does: fail the query (default) or skip the row and go on. */
public enum RowErrorPolicy {
    /** The query fails with a {@link RowProcessingException} naming the row. */
    FAIL,
    /** The row is skipped, counted and kept in a bounded sample ({@code StreamingQuery.errorRows()}). */
    CONTINUE
}
