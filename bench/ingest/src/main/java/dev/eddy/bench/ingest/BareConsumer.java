package dev.eddy.bench.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: a bare KafkaConsumer loop over the same topic with the consumer settings Eddy's source uses, touching
 * each value's bytes and doing nothing else. Prints the same RESULT line as EddyRun (checksum: the byte count).
 */
final class BareConsumer {
    private BareConsumer() {}

    /** One consumer assigned every partition of {@code topic}, as an ordinary loop would read it. */
    static void run(long records, String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // the throughput settings of Eddy's source (KafkaSourceOptions.THROUGHPUT): the ceiling is the tuned client
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "10000");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 << 20));
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, Integer.toString(1 << 20));
        long alloc0 = EddyRun.allocated();
        Map<Long, Long> cpu0 = EddyRun.threadCpu();
        long t0 = System.nanoTime();
        long seen = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = c.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            // up to the topic's end, so that a topic short of records ends the run instead of waiting for them
            while (seen < records && tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    bytes += r.value().length;
                    seen++;
                }
            }
        }
        long ns = System.nanoTime() - t0;
        System.out.println(EddyRun.cpuLine(cpu0, ns));
        System.out.println("RESULT " + seen + " " + ns / 1e9 + " " + (EddyRun.allocated() - alloc0) + " " + bytes);
    }
}
