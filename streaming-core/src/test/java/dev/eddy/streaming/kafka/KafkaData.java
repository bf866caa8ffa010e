package dev.eddy.streaming.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test helpers: write records to and read committed records back from the test broker. */
final class KafkaData {
    private KafkaData() {}

    /** Sends the values and checks every send, so a record the broker did not take fails the test here. */
    static void produce(KafkaBroker broker, String topic, String... values) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String v : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, v)));
            }
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a record to " + topic + " was not written", e.getCause());
        }
    }

    /** Sends to one partition and waits for the broker's ack. */
    static void produceTo(KafkaBroker broker, String topic, int partition, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker))) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(topic, partition, null, v)).get();
            }
        }
    }

    private static Properties producerProps(KafkaBroker broker) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    /** A producer of text keys and values on {@code broker}, with {@code settings} over the defaults. */
    static KafkaProducer<String, String> producer(KafkaBroker broker, Map<String, String> settings) {
        Properties p = producerProps(broker);
        p.putAll(settings);
        return new KafkaProducer<>(p);
    }

    static List<String> readCommitted(KafkaBroker broker, String topic) {
        return readAll(broker, topic, 1).stream().map(ConsumerRecord::value).toList();
    }

    /**
     * {@link #readAll} polled with a deadline until at least {@code n} records are readable: the broker writes a
     * transaction's commit markers after commitTransaction returns, so right after a sink's commit a read_committed
     * consumer's end (the last stable offset) may still stop before the batch.
     */
    static List<ConsumerRecord<String, String>> readAllAtLeast(
            KafkaBroker broker, String topic, int partitions, int n) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<ConsumerRecord<String, String>> read = readAll(broker, topic, partitions);
        while (read.size() < n && System.nanoTime() < deadline) {
            read = readAll(broker, topic, partitions);
        }
        return read;
    }

    /** The values of {@link #readAllAtLeast} on a one-partition topic. */
    static List<String> readCommittedAtLeast(KafkaBroker broker, String topic, int n) {
        return readAllAtLeast(broker, topic, 1, n).stream()
                .map(ConsumerRecord::value)
                .toList();
    }

    /** Every committed record of the topic's partitions 0..partitions-1, partition by partition. */
    static List<ConsumerRecord<String, String>> readAll(KafkaBroker broker, String topic, int partitions) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int i = 0; i < partitions; i++) {
                tps.add(new TopicPartition(topic, i));
            }
            c.assign(tps);
            c.seekToBeginning(tps);
            Map<TopicPartition, Long> end = c.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        out.sort(Comparator.<ConsumerRecord<String, String>>comparingInt(ConsumerRecord::partition)
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
