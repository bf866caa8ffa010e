package dev.eddy.spark.api;

/**
 * A query (or part of one) that cannot run on a Spark cluster, found before anything starts: the reason, and
 * what to use instead. The message is one line: {@code "Cannot run on Spark: <reason>. Instead: <advice>"}.
 */
public final class SparkRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String instead;

    public SparkRefusal(String reason, String instead) {
        super("Cannot run on Spark: " + reason + ". Instead: " + instead);
        this.reason = reason;
        this.instead = instead;
    }

    public String reason() {
        return reason;
    }

    public String instead() {
        return instead;
    }
}
