package dev.eddy.streaming.exec;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.AfterEach;

/**
 * The session query-lifecycle tests start from (their base class): a memory stream of words (one STRING column,
 * "word"); every query of the session is stopped after each test.
 */
abstract class WordStreamSession {
    protected final Eddy eddy = Eddy.create();
    protected final MemoryStream words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));

    @AfterEach
    void stopAll() {
        eddy.streams().stopAll();
    }
}
