package dev.eddy.magics.testing;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a magic test runs in: a fresh engine session and its runtime (default live-view settings), a recording
 * kernel context, and a memory stream of words (one STRING column, "word"). The runtime shuts down after each
 * test. Register it with {@code @RegisterExtension}.
 */
public final class RuntimeSession implements AfterEachCallback {
    public final Eddy eddy = Eddy.create();
    public final EddyRuntime runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
    public final RecordingContext ctx = new RecordingContext();
    public final MemoryStream words = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));

    @Override
    public void afterEach(ExtensionContext context) {
        runtime.shutdown();
    }
}
