package dev.eddy.kernel.internal.eval;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Coalesces one cell's stdout or stderr: bytes collect here and go out as one {@code stream} message when a
 * short timer fires, when the buffer grows past a size threshold, or when the cell ends. So a loop of
 * {@code println} makes a few messages, not one per line. Incomplete UTF-8 sequences wait for their rest.
 */
public final class StreamBuffer {
    static final long FLUSH_DELAY_MS = 50;
    static final int FLUSH_SIZE = 16 * 1024;
    private final String name;
    private final ScheduledExecutorService timer;
    private final Consumer<String> sink;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private boolean flushScheduled;

    /** {@code sink} publishes one text chunk; it is called without this buffer's lock held. */
    public StreamBuffer(String name, ScheduledExecutorService timer, Consumer<String> sink) {
        this.name = name;
        this.timer = timer;
        this.sink = sink;
    }

    public String name() {
        return name;
    }

    public void write(byte[] b, int off, int len) {
        boolean flushNow;
        synchronized (this) {
            bytes.write(b, off, len);
            flushNow = bytes.size() >= FLUSH_SIZE;
            if (!flushNow && !flushScheduled) {
                flushScheduled = true;
                timer.schedule(this::flush, FLUSH_DELAY_MS, TimeUnit.MILLISECONDS);
            }
        }
        if (flushNow) {
            flush();
        }
    }

    /** Publishes the complete characters buffered so far. */
    public void flush() {
        String text;
        synchronized (this) {
            flushScheduled = false;
            byte[] all = bytes.toByteArray();
            int complete = Utf8.completePrefix(all);
            bytes.reset();
            bytes.write(all, complete, all.length - complete);
            text = complete == 0 ? "" : new String(all, 0, complete, StandardCharsets.UTF_8);
        }
        if (!text.isEmpty()) {
            sink.accept(text);
        }
    }
}
