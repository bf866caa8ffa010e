package dev.eddy.streaming.internal.source.socket;

import dev.eddy.streaming.api.Clock;
import dev.eddy.streaming.api.data.Batch;
import dev.eddy.streaming.api.data.BatchBuilder;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.spi.CounterSource;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.TriggerContext;
import dev.eddy.streaming.internal.format.Utf8Text;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads lines on its own daemon thread and hands them out by line number (the offset). The reader connects, and
 * if the server is not there yet retries with a growing pause (up to 5 s), reporting it in {@link #status()}.
 * When the server closes the connection the reader reconnects the same way. Lines are dropped once committed.
 */
final class SocketSource extends CounterSource {
    private static final long MAX_BACKOFF_MS = 5_000;

    private final String host;
    private final int port;
    private final boolean includeTimestamp;
    private final Clock clock;
    private final Schema schema;
    private final Object lock = new Object();
    // guarded by lock: lines[i] has offset base + i
    private final List<String> lines = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private long base;
    private String status = "";
    private boolean stopped;
    private Socket socket;
    private final Thread reader;

    SocketSource(String host, int port, boolean includeTimestamp, Clock clock) {
        super(schemaOf(includeTimestamp));
        this.host = host;
        this.port = port;
        this.includeTimestamp = includeTimestamp;
        this.clock = clock;
        this.schema = schema();
        this.reader = new Thread(this::readLoop, "eddy-socket-source-" + host + ":" + port);
        reader.setDaemon(true);
        reader.start();
    }

    private static Schema schemaOf(boolean includeTimestamp) {
        return includeTimestamp
                ? Schema.of(Field.of("value", DataType.STRING), Field.of("timestamp", DataType.TIMESTAMP))
                : Schema.of(Field.of("value", DataType.STRING));
    }

    private void readLoop() {
        long backoff = 100;
        while (!isStopped()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 5_000);
                setSocket(s);
                setStatus("");
                backoff = 100;
                InputStream in = new BufferedInputStream(s.getInputStream());
                String line;
                while ((line = readLine(in)) != null) {
                    add(line);
                }
                setStatus("connection to " + host + ":" + port + " closed; reconnecting");
            } catch (IOException e) {
                if (isStopped()) {
                    return;
                }
                setStatus("waiting for socket server at " + host + ":" + port + " (" + e.getMessage() + ")");
            }
            backoff = pause(backoff);
        }
    }

    /** Waits on the lock so {@link #stop()} ends the pause at once; returns the next, longer pause. */
    private long pause(long ms) {
        synchronized (lock) {
            if (!stopped) {
                try {
                    lock.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
        }
        return Math.min(MAX_BACKOFF_MS, ms * 2);
    }

    /**
     * One line ({@code \n} or {@code \r\n} ends it), decoded from UTF-8 on its own: bytes that are not UTF-8 are
     * kept as {@code \xNN} and the connection goes on. Null at the end of the stream.
     */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        String text = Utf8Text.decodeOrNull(bytes, 0, n);
        return text != null ? text : Utf8Text.escaped(bytes, 0, n);
    }

    private void add(String line) {
        long now = clock.millis();
        synchronized (lock) {
            lines.add(line);
            times.add(now);
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void setSocket(Socket s) throws IOException {
        synchronized (lock) {
            if (stopped) {
                throw new IOException("stopped");
            }
            socket = s;
        }
    }

    private void setStatus(String s) {
        synchronized (lock) {
            status = s;
        }
    }

    @Override
    protected long available(TriggerContext trigger) {
        synchronized (lock) {
            return base + lines.size();
        }
    }

    @Override
    protected Batch read(long from, long to) {
        BatchBuilder out = Batch.builder(schema, (int) Math.max(0, to - from));
        synchronized (lock) {
            if (from < base) {
                throw new IllegalStateException("socket source cannot replay lines " + from + ".." + (base - 1)
                        + ": they were committed and dropped (a socket source is not replayable)");
            }
            for (long o = from; o < to; o++) {
                int i = (int) (o - base);
                out.setString(0, lines.get(i));
                if (includeTimestamp) {
                    out.setTimestampMicros(1, times.get(i) * 1000);
                }
                out.endRow();
            }
        }
        return out.build();
    }

    @Override
    public void commit(Offset end) {
        long to = ((LongOffset) end).value();
        synchronized (lock) {
            int drop = (int) Math.max(0, Math.min(lines.size(), to - base));
            lines.subList(0, drop).clear();
            times.subList(0, drop).clear();
            base += drop;
        }
    }

    @Override
    public void stop() {
        Socket s;
        synchronized (lock) {
            stopped = true;
            lock.notifyAll();
            s = socket;
        }
        if (s != null) {
            try {
                s.close(); // unblocks the reader's readLine
            } catch (IOException ignored) {
                // closing is best effort; the daemon thread ends either way
            }
        }
    }

    @Override
    public boolean isReplayable() {
        return false;
    }

    @Override
    public String description() {
        return "SocketSource[" + host + ":" + port + ", not replayable]";
    }

    @Override
    public String status() {
        synchronized (lock) {
            return status;
        }
    }
}
