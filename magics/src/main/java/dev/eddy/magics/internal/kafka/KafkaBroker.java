package dev.eddy.magics.internal.kafka;

import dev.eddy.streaming.api.kafka.KafkaTopics;
import java.time.Duration;
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
            Map<String, TopicDescription> d =
                    admin.describeTopics(names).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            StringColumn topic = StringColumn.create("topic");
            IntColumn parts = IntColumn.create("partitions");
            for (String n : names) {
                topic.append(n);
                parts.append(d.get(n).partitions().size());
            }
            return Table.create("kafka topics", topic, parts);
        }
    }

    /** The first or last {@code n} records, read by the engine's one Kafka peek, shown as {@link TailTable}. */
    static Table tail(String servers, String topicName, int n, boolean fromBeginning, long timeoutMillis) {
        Table raw;
        try {
            raw = KafkaTopics.peek(servers, topicName, n, fromBeginning, Duration.ofMillis(timeoutMillis));
        } catch (KafkaTopics.NoSuchTopicException e) {
            throw new IllegalArgumentException("no topic '" + topicName + "' (see %kafka topics)", e);
        }
        return TailTable.of(topicName, raw);
    }
}
