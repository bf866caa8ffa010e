package dev.eddy.magics.internal.stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.testing.RuntimeSession;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.Test;

class StreamMagicBoundsTest extends RuntimeSession {
    private final StreamMagic magic = new StreamMagic(runtime);

    @Test
    void when_awaitTimeoutOrStateOperatorIsOutOfBounds_then_oneLineErrorNamesTheBound() {
        MemoryStream words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
        words.toDF().writeStream().queryName("w").memory("w").start();

        assertThatThrownBy(() -> magic.run("await w -5", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessage("TIMEOUT_S must be a number of seconds from 0 to 86400, not '-5'");
        assertThatThrownBy(() -> magic.run("await w soon", ctx))
                .hasMessage("TIMEOUT_S must be a number of seconds from 0 to 86400, not 'soon'");
        assertThatThrownBy(() -> magic.run("state w -1", ctx)).hasMessage("OPERATOR must be from 0 to 999, not -1");
    }
}
