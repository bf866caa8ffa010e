package dev.eddy.spark.api;

/** A Spark Connect server that cannot be used, in one line: unreachable, a version mismatch, or refused auth. */
public final class SparkConnectException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SparkConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
