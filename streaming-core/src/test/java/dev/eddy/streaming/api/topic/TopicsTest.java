package dev.eddy.streaming.api.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TopicsTest {
    private final ManualClock clock = new ManualClock(1_000);
    private final Topics topics = new Topics(clock);

    @Test
    void when_topicsCreatedAndDeleted_then_listAndDescribeFollow() {
        topics.create("b", 2);
        topics.create(TopicConfig.of("a", 1));
        assertThat(topics.list()).containsExactly("a", "b");
        assertThat(topics.describe("b").partitions()).hasSize(2);
        assertThatThrownBy(() -> topics.create("a", 3)).hasMessageContaining("already exists");
        assertThat(topics.delete("a")).isTrue();
        assertThat(topics.delete("a")).isFalse();
        assertThat(topics.list()).containsExactly("b");
        assertThatThrownBy(() -> topics.describe("a"))
                .isInstanceOf(UnknownTopicException.class)
                .hasMessageContaining("'a'")
                .hasMessageContaining("[b]");
    }

    @Test
    void when_badConfig_then_clearError() {
        assertThatThrownBy(() -> topics.create("x", 0)).hasMessageContaining("from 1 to 1024 partitions");
        assertThatThrownBy(() -> topics.create("a b", 1)).hasMessageContaining("not valid");
    }

    @Test
    void when_recordsProduced_then_offsetsAreConsecutivePerPartitionAndReadBack() {
        topics.create("t", 1);
        TopicProducer producer = topics.producer("t");
        for (int i = 0; i < 1000; i++) {
            TopicRecord r = producer.send("k" + i, "v" + i);
            assertThat(r.offset()).isEqualTo(i);
            assertThat(r.timestamp()).isEqualTo(1_000);
        }
        List<TopicRecord> got = topics.read("t", 0, 500, 10);
        assertThat(got)
                .extracting(TopicRecord::offset)
                .containsExactly(500L, 501L, 502L, 503L, 504L, 505L, 506L, 507L, 508L, 509L);
        assertThat(got.get(0).valueAsString()).isEqualTo("v500");
        assertThat(topics.earliestOffsets("t")).containsExactly(0);
        assertThat(topics.latestOffsets("t")).containsExactly(1000);
        assertThat(topics.read("t", 0, 1000, 10)).isEmpty();
        assertThatThrownBy(() -> topics.read("t", 0, 1001, 10)).isInstanceOf(OffsetOutOfRangeException.class);
    }

    @Test
    void when_keysRepeat_then_sameKeyGoesToSamePartition_andExplicitPartitionIsHonoured() {
        topics.create("t", 4);
        TopicProducer producer = topics.producer("t");
        int p = producer.send("user-7", "a").partition();
        for (int i = 0; i < 20; i++) {
            assertThat(producer.send("user-7", "b" + i).partition()).isEqualTo(p);
        }
        TopicRecord explicit = producer.send(TopicRecord.of("t", "user-7", "c")
                .withPartition((p + 1) % 4)
                .withTimestamp(42)
                .withHeaders(List.of(Header.of("h", "x"))));
        assertThat(explicit.partition()).isEqualTo((p + 1) % 4);
        TopicRecord back =
                topics.read("t", explicit.partition(), explicit.offset(), 1).get(0);
        assertThat(back.timestamp()).isEqualTo(42);
        assertThat(back.headers()).hasSize(1);
        assertThat(back.headers().get(0).valueAsString()).isEqualTo("x");
        assertThatThrownBy(() -> producer.send(TopicRecord.of("t", "k", "v").withPartition(9)))
                .hasMessageContaining("partitions 0..3");
    }

    @Test
    void when_nullKeys_then_recordsSpreadOverAllPartitions() {
        topics.create("t", 3);
        for (int i = 0; i < 9; i++) {
            topics.send("t", null, "v");
        }
        assertThat(topics.latestOffsets("t")).containsExactly(3, 3, 3);
    }

    @Test
    void when_clockPassesRetentionTime_then_oldRecordsAreDropped() {
        topics.create(TopicConfig.of("t", 1).withRetentionTime(Duration.ofSeconds(10)));
        topics.send("t", "a", "1");
        clock.advance(5_000);
        topics.send("t", "b", "2");
        clock.advance(5_000); // first record now exactly 10 s old
        topics.enforceRetention();
        assertThat(topics.earliestOffsets("t")).containsExactly(1);
        assertThatThrownBy(() -> topics.read("t", 0, 0, 1))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("retention");
        clock.advance(4_999);
        topics.enforceRetention();
        assertThat(topics.earliestOffsets("t")).containsExactly(1);
        clock.advance(1);
        topics.enforceRetention();
        assertThat(topics.earliestOffsets("t")).containsExactly(2);
        assertThat(topics.latestOffsets("t")).containsExactly(2);
        assertThat(topics.send("t", "c", "3").offset()).isEqualTo(2);
    }

    @Test
    void when_countOrSizeLimitExceeded_then_oldestRecordsAreDropped() {
        topics.create(TopicConfig.of("n", 1).withRetentionRecords(100));
        topics.create(TopicConfig.of("s", 1).withRetentionBytes(20));
        for (int i = 0; i < 1000; i++) {
            topics.send("n", null, "v" + i);
        }
        assertThat(topics.earliestOffsets("n")).containsExactly(900);
        assertThat(topics.read("n", 0, 900, 1).get(0).valueAsString()).isEqualTo("v900");
        for (int i = 0; i < 10; i++) {
            topics.send("s", "k", "12345"); // 6 bytes each
        }
        assertThat(topics.describe("s").partitions().get(0).bytes()).isEqualTo(18);
        assertThat(topics.describe("s").records()).isEqualTo(3);
    }

    @Test
    void when_consumerReadsPastRetention_then_droppedRecordsAreSkippedAndCounted() {
        topics.create(TopicConfig.of("t", 2).withRetentionRecords(5));
        TopicConsumer consumer = topics.consumer("t");
        for (int i = 0; i < 20; i++) {
            topics.producer("t").send(TopicRecord.of("t", null, "v" + i).withPartition(i % 2));
        }
        List<TopicRecord> all = consumer.poll(100);
        assertThat(all).hasSize(10);
        assertThat(consumer.skippedByRetention()).isEqualTo(10);
        assertThat(consumer.poll(100)).isEmpty();
        topics.send("t", null, "late");
        assertThat(consumer.poll(100)).extracting(TopicRecord::valueAsString).containsExactly("late");
    }

    @Test
    void when_registryIsRegisteredUnderAnId_then_sourcesFindItByThatId() {
        String id = "reg-" + UUID.randomUUID();
        assertThatThrownBy(() -> Topics.named(id)).hasMessageContaining("no topic registry '" + id + "'");
        assertThat(topics.registerAs(id)).isSameAs(topics);
        assertThat(Topics.named(id)).isSameAs(topics);
        assertThat(Topics.named(Topics.DEFAULT_ID)).isSameAs(Topics.shared());
    }
}
