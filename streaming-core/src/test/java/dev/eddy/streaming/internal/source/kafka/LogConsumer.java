package dev.eddy.streaming.internal.source.kafka;

import static dev.eddy.streaming.internal.source.kafka.FakeLog.LOG_END;
import static dev.eddy.streaming.internal.source.kafka.FakeLog.TOPIC;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A consumer over a log of {@value FakeLog#LOG_END} records per partition (value "partition-offset"), three records per
 * partition per poll. Held, a poll waits (as for a fetch response) until released or woken up.
 */
final class LogConsumer extends MockConsumer<ByteBuffer, ByteBuffer> {
    final Set<TopicPartition> everAssigned = new HashSet<>();
    /** Per partition, every offset this consumer fetched (served by a poll), in order. */
    final Map<TopicPartition, List<Long>> fetched = new HashMap<>();

    int seeks;
    int assigns;
    /** Thrown by the next poll before it fetches anything (a real consumer buffers nothing for a failed poll). */
    private KafkaException nextPollFails;

    final CountDownLatch polling = new CountDownLatch(1);
    volatile boolean wokenUp;
    private volatile CountDownLatch hold = new CountDownLatch(0);
    /** Counted down (and replaced) only by a wake-up: what an idle poll waits on. */
    private volatile CountDownLatch idle = new CountDownLatch(1);
    /** A wake-up the next poll throws (MockConsumer's own would throw only after this poll added its records). */
    private boolean wakeupPending;

    LogConsumer() {
        super("none");
    }

    void holdPolls() {
        hold = new CountDownLatch(1);
    }

    void releasePolls() {
        hold.countDown();
    }

    @Override
    public synchronized void assign(Collection<TopicPartition> partitions) {
        everAssigned.addAll(partitions);
        assigns++;
        super.assign(partitions);
    }

    @Override
    public synchronized void seek(TopicPartition partition, long offset) {
        seeks++;
        super.seek(partition, offset);
    }

    @Override
    public synchronized void setPollException(KafkaException exception) {
        nextPollFails = exception;
    }

    @Override
    public ConsumerRecords<ByteBuffer, ByteBuffer> poll(Duration timeout) {
        polling.countDown();
        CountDownLatch h = hold;
        if (h.getCount() == 0 && !hasRecordsToServe()) {
            h = idle; // a real consumer's poll waits for a fetch response up to its timeout when nothing is new
        }
        if (h.getCount() > 0) {
            try {
                h.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (wakeupPending) { // before any record is added: a real consumer keeps nothing for a woken poll
                wakeupPending = false;
                throw new WakeupException();
            }
            if (nextPollFails != null) {
                KafkaException e = nextPollFails;
                nextPollFails = null;
                throw e;
            }
            for (TopicPartition tp : assignment()) {
                if (!paused().contains(tp)) {
                    long at = position(tp);
                    for (long o = at; o < Math.min(at + 3, LOG_END); o++) {
                        byte[] v = (tp.partition() + "-" + o).getBytes(StandardCharsets.UTF_8);
                        addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), o, null, ByteBuffer.wrap(v)));
                        fetched.computeIfAbsent(tp, k -> new ArrayList<>()).add(o);
                    }
                }
            }
            return super.poll(timeout);
        }
    }

    /** A copy of what {@link #fetched} holds for {@code tp} (the fetch thread may be polling ahead meanwhile). */
    synchronized List<Long> fetched(TopicPartition tp) {
        return List.copyOf(fetched.getOrDefault(tp, List.of()));
    }

    /** Whether a poll now would return records (or throw): an assigned, unpaused partition short of the log end. */
    private synchronized boolean hasRecordsToServe() {
        if (nextPollFails != null || wakeupPending) {
            return true;
        }
        for (TopicPartition tp : assignment()) {
            if (!paused().contains(tp) && position(tp) < LOG_END) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void wakeup() {
        wokenUp = true;
        wakeupPending = true;
        hold.countDown(); // ends a held poll, which then throws the WakeupException
        idle.countDown();
        idle = new CountDownLatch(1);
    }
}
