package dev.eddy.streaming.exec;

import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The session most query-lifecycle tests start from: a memory stream of words (one STRING column, "word"); every
 * query of the session is stopped after each test. Register it with {@code @RegisterExtension}.
 */
final class WordStream implements AfterEachCallback {
    final Eddy eddy;
    final MemoryStream words;

    WordStream() {
        this(Eddy.create());
    }

    WordStream(Eddy eddy) {
        this.eddy = eddy;
        this.words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        eddy.streams().stopAll();
    }
}
