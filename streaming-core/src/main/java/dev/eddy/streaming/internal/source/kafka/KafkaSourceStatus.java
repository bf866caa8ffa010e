package dev.eddy.streaming.internal.source.kafka;

/**
 * What the Kafka source tells the query's status: why it waits (the broker is down) and what data it had to
 * skip. Written on the query's thread, read from any thread.
 */
final class KafkaSourceStatus {
    private final boolean failOnDataLoss;
    private volatile String waiting = "";
    private volatile String warning = "";

    KafkaSourceStatus(boolean failOnDataLoss) {
        this.failOnDataLoss = failOnDataLoss;
    }

    void waiting(String why) {
        waiting = why;
    }

    void clearWaiting() {
        waiting = "";
    }

    /**
     * Records the query should read are gone (a deleted topic or partition, offsets out of range): an error naming
     * them, or with {@code failOnDataLoss=false} a warning that stays in the status.
     *
     * @throws IllegalStateException when the query must fail
     */
    void dataLoss(String what) {
        if (failOnDataLoss) {
            throw new IllegalStateException(what + ". Some data may have been lost; the query fails because option "
                    + "failOnDataLoss is true (set it to false to skip lost data with a warning)");
        }
        warning = "skipped lost data: " + what;
    }

    String text() {
        String w = waiting;
        String x = warning;
        return w.isEmpty() ? x : x.isEmpty() ? w : w + "; " + x;
    }
}
