package dev.eddy.magics.testing;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.AfterEach;

/**
 * What a magic test runs in (its base class): a fresh engine session and its runtime (default live-view
 * settings), a recording kernel context, and a memory stream of words (one STRING column, "word"). The runtime
 * shuts down after each test.
 */
public abstract class RuntimeSession {
    protected final Eddy eddy = Eddy.create();
    protected final EddyRuntime runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
    protected final RecordingContext ctx = new RecordingContext();
    protected final MemoryStream words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));

    @AfterEach
    void shutdownRuntime() {
        runtime.shutdown();
    }
}
