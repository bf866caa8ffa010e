package dev.eddy.streaming.api;

/** A user lambda threw on a row; the message names the operator and the row. */
public final class RowProcessingException extends RuntimeException {
    public RowProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
