package dev.eddy.magics.internal.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.streaming.api.topic.Topics;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TopicMagicTest {
    private final TopicMagic magic = new TopicMagic();
    // the magic works on the shared registry: a name of its own per test
    private final String topic = "t" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void dropTopic() {
        Topics.shared().delete(topic);
    }

    private String text(String args) {
        return ((MimeBundle) magic.run(args, null)).plainText();
    }

    @Test
    void when_topicIsCreatedTwiceWithTheSamePartitions_then_theSecondIsANoteAndKeepsItsRecords() {
        assertThat(text("create " + topic + " 3")).isEqualTo("Created topic '" + topic + "' with 3 partitions");
        magic.run("produce " + topic + " a b", null);

        assertThat(text("create " + topic + " 3"))
                .isEqualTo("Topic '" + topic + "' already exists with 3 partitions: nothing to do");
        assertThat(Topics.shared().describe(topic).records()).isEqualTo(2);
    }

    @Test
    void when_topicIsCreatedAgainWithOtherPartitions_then_errorNamesBothCounts() {
        magic.run("create " + topic, null);

        assertThatThrownBy(() -> magic.run("create " + topic + " 4", null))
                .isInstanceOf(MagicException.class)
                .hasMessage("Topic '" + topic + "' already exists with 1 partition, not 4: the partition count of an"
                        + " existing topic cannot change; use another name");
    }

    @Test
    void when_partitionCountIsOutOfBounds_then_oneLineErrorNamesTheBoundAndNothingIsCreated() {
        assertThatThrownBy(() -> magic.run("create " + topic + " 99999999", null))
                .isInstanceOf(MagicException.class)
                .hasMessage("PARTITIONS must be from 1 to 1024, not 99999999");
        assertThatThrownBy(() -> magic.run("create " + topic + " 0", null))
                .hasMessage("PARTITIONS must be from 1 to 1024, not 0");
        assertThatThrownBy(() -> magic.run("create " + topic + " 99999999999", null))
                .hasMessage("PARTITIONS must be a whole number from 1 to 1024, not '99999999999'");
        assertThat(Topics.shared().exists(topic)).isFalse();
    }

    @Test
    void when_tailCountIsNegativeOrTooLarge_then_oneLineErrorNamesTheBound() {
        magic.run("create " + topic, null);

        assertThatThrownBy(() -> magic.run("tail " + topic + " -5", null))
                .isInstanceOf(MagicException.class)
                .hasMessage("N (records to show) must be from 1 to 10000, not -5");
        assertThatThrownBy(() -> magic.run("tail " + topic + " 10001", null))
                .hasMessage("N (records to show) must be from 1 to 10000, not 10001");
        assertThatThrownBy(() -> magic.run("tail " + topic + " --from-begining", null))
                .hasMessageContaining("Did you mean '--from-beginning'");
    }

    @Test
    void when_engineIsAskedForTooManyPartitions_then_itRefusesAtOnce() {
        assertThatThrownBy(() -> Topics.shared().create(topic, 99_999_999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from 1 to 1024 partitions");
    }
}
