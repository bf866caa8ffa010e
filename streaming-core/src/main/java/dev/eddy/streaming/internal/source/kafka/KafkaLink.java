package dev.eddy.streaming.internal.source.kafka;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * What one fetch thread reads Kafka through (option {@code fetch}): the {@code KafkaConsumer} ({@link ConsumerLink},
 * records as {@code ConsumerRecord}s) or Eddy's own Fetch requests ({@link KafkaRawLink}, record batches handed on as
 * byte ranges of the response). Only the fetch thread polls; the reading thread assigns, seeks and pauses only while
 * the fetch thread is stopped; {@link #wakeup} from any thread makes a running poll throw {@code WakeupException}.
 */
interface KafkaLink {
    /** The consumer that answers offset and partition look-ups (begin/end offsets, the topic's partitions). */
    Consumer<ByteBuffer, ByteBuffer> lookups();

    Set<TopicPartition> assignment();

    void assign(Collection<TopicPartition> parts);

    void seek(TopicPartition tp, long offset);

    void pause(Collection<TopicPartition> parts);

    void resume(Collection<TopicPartition> parts);

    /**
     * Reads exactly {@code from}'s partitions from now on, none of them paused, each from its offset (the fetcher's
     * set-up for a batch that does not continue the last one).
     */
    default void startAt(Map<TopicPartition, Long> from) {
        if (!assignment().equals(from.keySet())) {
            assign(from.keySet());
        }
        resume(from.keySet()); // paused by an earlier run: not every Consumer forgets that on assign
        from.forEach(this::seek);
    }

    /** The offset of the next record the next poll would return for {@code tp}. */
    long position(TopicPartition tp);

    /**
     * Fetches once (waiting up to {@code timeout} for records): adds each partition's records to {@code out} (in offset
     * order, at most one chunk per partition) and returns how many records that is; partitions whose position is out
     * of the log's range go to {@code outOfRange} with their position (their records are not read).
     */
    int poll(Duration timeout, List<KafkaFetcher.Chunk> out, Map<TopicPartition, Long> outOfRange);

    void wakeup();

    /** A wake-up nobody consumed would fail the next call: this consumes it (fetch thread, after a run). */
    void clearWakeup();

    /** Closes what this link made (not {@link #lookups()} when its owner closes that). */
    void close(Duration timeout);

    /** The KafkaConsumer's own fetch: each poll's records as {@code ConsumerRecord} lists. */
    final class ConsumerLink implements KafkaLink {
        private final Consumer<ByteBuffer, ByteBuffer> consumer;

        ConsumerLink(Consumer<ByteBuffer, ByteBuffer> consumer) {
            this.consumer = consumer;
        }

        @Override
        public Consumer<ByteBuffer, ByteBuffer> lookups() {
            return consumer;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return consumer.assignment();
        }

        @Override
        public void assign(Collection<TopicPartition> parts) {
            consumer.assign(parts);
        }

        @Override
        public void seek(TopicPartition tp, long offset) {
            consumer.seek(tp, offset);
        }

        @Override
        public void pause(Collection<TopicPartition> parts) {
            consumer.pause(parts);
        }

        @Override
        public void resume(Collection<TopicPartition> parts) {
            consumer.resume(parts);
        }

        @Override
        public long position(TopicPartition tp) {
            return consumer.position(tp);
        }

        @Override
        public int poll(Duration timeout, List<KafkaFetcher.Chunk> out, Map<TopicPartition, Long> outOfRange) {
            int records = 0;
            try {
                ConsumerRecords<ByteBuffer, ByteBuffer> polled = consumer.poll(timeout);
                for (TopicPartition tp : polled.partitions()) { // per partition: no TopicPartition per record
                    List<ConsumerRecord<ByteBuffer, ByteBuffer>> rs = polled.records(tp);
                    if (!rs.isEmpty()) {
                        out.add(new KafkaFetcher.Chunk(tp, rs, null));
                        records += rs.size();
                    }
                }
            } catch (OffsetOutOfRangeException e) {
                outOfRange.putAll(e.offsetOutOfRangePartitions());
            }
            return records;
        }

        @Override
        public void wakeup() {
            consumer.wakeup();
        }

        @Override
        public void clearWakeup() {
            try {
                consumer.pause(consumer.assignment());
                consumer.poll(Duration.ZERO);
            } catch (WakeupException e) {
                // consumed
            } catch (RuntimeException e) {
                // the fetch has ended anyway; the next request sets the consumer up again
            }
        }

        @Override
        public void close(Duration timeout) {
            consumer.close(timeout);
        }
    }
}
