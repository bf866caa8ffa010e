package dev.eddy.magics.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Short-lived Admin and Consumer calls with a bounded wait; a consumer group is never joined or committed. */
final class KafkaBroker {
  private KafkaBroker() {}

  private static Properties props(String servers, long timeoutMillis) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMillis);
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    return p;
  }

  static String clusterSummary(String servers, long timeoutMillis)
      throws ExecutionException, TimeoutException, InterruptedException {
    try (Admin admin = Admin.create(props(servers, timeoutMillis))) {
      DescribeClusterResult c = admin.describeCluster();
      String id = c.clusterId().get(timeoutMillis, TimeUnit.MILLISECONDS);
      int brokers = c.nodes().get(timeoutMillis, TimeUnit.MILLISECONDS).size();
      return "cluster " + id + ", " + brokers + " broker(s)";
    }
  }

  static Table topics(String servers, long timeoutMillis)
      throws ExecutionException, TimeoutException, InterruptedException {
    try (Admin admin = Admin.create(props(servers, timeoutMillis))) {
      Set<String> names = new TreeSet<>(admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS));
      Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames()
          .get(timeoutMillis, TimeUnit.MILLISECONDS);
      StringColumn topic = StringColumn.create("topic");
      IntColumn parts = IntColumn.create("partitions");
      for (String n : names) {
        topic.append(n);
        parts.append(d.get(n).partitions().size());
      }
      return Table.create("kafka topics", topic, parts);
    }
  }

  static Table tail(String servers, String topicName, int n, boolean fromBeginning, long timeoutMillis) {
    Properties p = props(servers, timeoutMillis);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
      Duration wait = Duration.ofMillis(timeoutMillis);
      List<PartitionInfo> infos = c.partitionsFor(topicName, wait);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalArgumentException("no topic '" + topicName + "' (see %kafka topics)");
      }
      List<TopicPartition> parts = infos.stream().map(i -> new TopicPartition(topicName, i.partition())).toList();
      c.assign(parts);
      Map<TopicPartition, Long> begin = c.beginningOffsets(parts, wait);
      Map<TopicPartition, Long> end = c.endOffsets(parts, wait);
      long wanted = 0;
      for (TopicPartition tp : parts) {
        long from = fromBeginning ? begin.get(tp) : Math.max(begin.get(tp), end.get(tp) - n);
        c.seek(tp, from);
        wanted += Math.min(n, end.get(tp) - from);
      }
      List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      while (got.size() < wanted && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(got::add);
      }
      got.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
          .thenComparingLong(ConsumerRecord::offset));
      List<ConsumerRecord<byte[], byte[]>> shown = fromBeginning ? got.subList(0, Math.min(n, got.size()))
          : got.subList(Math.max(0, got.size() - n), got.size());
      return TailTable.of(topicName, shown);
    }
  }
}
