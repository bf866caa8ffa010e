package dev.eddy.kernel.internal.transport;

import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.MalformedMessageException;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.UnreadableRequestException;
import dev.eddy.kernel.internal.wire.WireCodec;
import java.util.List;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * A ROUTER channel (shell or control) served by one thread: a blocking receive (no sleep-polling), decode,
 * dispatch, reply on the same socket. A malformed, unsigned, badly signed or replayed message is logged and
 * dropped; a signed request whose content cannot be read (not a JSON object, too large) is handed to the
 * handler's {@link Handler#refuse}, which answers it; a failing handler is logged; the loop always goes on.
 */
public final class RouterChannel {
    private static final Log LOG = Log.of(RouterChannel.class);
    private final String name;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final Thread thread;
    /** How long a receive waits before the channel's thread looks whether it is asked to stop. */
    static final int STOP_CHECK_MS = 200;

    private volatile boolean stopping;
    private volatile Handler handler;

    /** Handles one decoded request on the channel's thread; replies through the channel. */
    @FunctionalInterface
    public interface Handler {
        void handle(Message request, RouterChannel channel) throws Exception;

        /**
         * A signed request whose content could not be read ({@code request} has its header, empty content): answer
         * it with an error. By default it is only logged.
         */
        default void refuse(Message request, String reason, RouterChannel channel) {
            LOG.warn(channel.name() + ": dropped " + request.type() + ": " + reason);
        }
    }

    public RouterChannel(String name, ZMQ.Context context, String endpoint, WireCodec codec) {
        this.name = name;
        this.codec = codec;
        this.socket = context.socket(SocketType.ROUTER);
        socket.setLinger(1000);
        // bounded waits, so the thread sees a stop request and closes its socket itself (before the context ends)
        socket.setReceiveTimeOut(STOP_CHECK_MS);
        socket.bind(endpoint);
        this.thread = new Thread(this::serve, "eddy-" + name);
        thread.setDaemon(true);
    }

    public void start(Handler h) {
        this.handler = h;
        thread.start();
    }

    public String name() {
        return name;
    }

    /**
     * Asks the channel's thread to close its socket after the request it is handling (replies already sent are
     * still delivered: the socket lingers) (see {@link #awaitStopped}).
     */
    public void stop() {
        stopping = true;
    }

    /** Waits at most {@code millis} for the thread to have closed its socket after {@link #stop}. */
    public void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** Sends a message on this channel. Only call from this channel's thread. */
    public void send(Message m) {
        Frames.send(socket, codec.encode(m));
    }

    /**
     * The next request already waiting, without blocking, or null. Used on this channel's thread to abort the
     * execute requests queued behind a failed cell. Malformed ones are dropped.
     */
    public Message pollNow() {
        while (true) {
            List<byte[]> frames = Frames.receive(socket, ZMQ.DONTWAIT);
            if (frames == null) {
                return null;
            }
            Message m = decodeOrDrop(frames);
            if (m != null) {
                return m;
            }
        }
    }

    private void serve() {
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                List<byte[]> frames = Frames.receive(socket, 0); // null after STOP_CHECK_MS without a message
                Message m = frames == null ? null : decodeOrDrop(frames);
                if (m != null) {
                    dispatch(m);
                }
            }
        } catch (ZMQException e) {
            LOG.debug(name + " channel closed: " + e.getMessage());
        } finally {
            socket.close(); // the context's term() waits for this
        }
    }

    private void dispatch(Message m) {
        try {
            handler.handle(m, this);
        } catch (Exception | LinkageError | AssertionError e) {
            LOG.warn(name + ": handling " + m.type() + " failed", e);
        }
    }

    private Message decodeOrDrop(List<byte[]> frames) {
        try {
            return codec.decode(frames);
        } catch (UnreadableRequestException e) {
            LOG.warn(name + ": cannot read " + e.request().type() + ": " + e.getMessage());
            try {
                handler.refuse(e.request(), e.getMessage(), this);
            } catch (RuntimeException failed) {
                LOG.warn(name + ": answering an unreadable " + e.request().type() + " failed", failed);
            }
            return null;
        } catch (MalformedMessageException e) {
            LOG.warn(name + ": dropped a message: " + e.getMessage());
            return null;
        }
    }
}
