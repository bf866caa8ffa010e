package dev.eddy.kernel.internal.transport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.MalformedMessageException;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;
import dev.eddy.kernel.internal.wire.WireCodec;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The stdin channel: when a cell reads input, sends {@code input_request} to the client that ran the cell and
 * waits for its {@code input_reply}. One thread owns the socket; cells hand requests to it through a queue.
 * Stray or malformed messages are logged and dropped. A cell interrupted while waiting abandons its request.
 */
public final class StdinChannel {
    private static final Log LOG = Log.of(StdinChannel.class);
    private static final int WAIT_SLICE_MS = 200;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final MessageFactory messages;
    private final BlockingQueue<Pending> requests = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    /** Put on the queue by {@link #stop}: wakes the thread waiting for a request. */
    private static final Pending STOP = new Pending(List.of(), null, null, new CompletableFuture<>());

    private record Pending(
            List<byte[]> identities, JsonNode parent, ObjectNode content, CompletableFuture<String> answer) {}

    public StdinChannel(ZMQ.Context context, String endpoint, WireCodec codec, MessageFactory messages) {
        this.codec = codec;
        this.messages = messages;
        this.socket = context.socket(SocketType.ROUTER);
        socket.setLinger(0);
        // Bounded waits so an abandoned request (interrupted cell) is noticed; not a sleep loop.
        socket.setReceiveTimeOut(WAIT_SLICE_MS);
        socket.bind(endpoint);
        this.thread = new Thread(this::serve, "eddy-stdin");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /**
     * Asks the channel's thread to close its socket (see {@link #awaitStopped}). It is told through its
     * queue, never interrupted: an interrupt that lands while a thread is inside ZeroMQ can close the pipe a socket's
     * commands travel on.
     */
    public void stop() {
        stopping = true;
        requests.add(STOP);
    }

    /** Waits at most {@code millis} for the thread to have closed its socket after {@link #stop}. */
    public void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
    }

    /** Asks the client for one line of input; blocks the calling (cell) thread until it answers. */
    public String requestInput(List<byte[]> identities, JsonNode parent, String prompt, boolean password)
            throws InterruptedException {
        ObjectNode c = Json.object();
        c.put("prompt", prompt);
        c.put("password", password);
        CompletableFuture<String> answer = new CompletableFuture<>();
        requests.add(new Pending(identities, parent, c, answer));
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            throw new IllegalStateException("input request failed", e.getCause());
        }
    }

    private void serve() {
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                Pending p = requests.take();
                if (p != STOP && !p.answer().isDone()) {
                    ask(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ZMQException e) {
            LOG.debug("stdin channel closed: " + e.getMessage());
        } finally {
            socket.close();
        }
    }

    private void ask(Pending p) {
        Message request = new Message(
                p.identities(), messages.header("input_request"), p.parent(), Json.object(), p.content(), List.of());
        Frames.send(socket, codec.encode(request));
        String id = request.header().msgId();
        while (!p.answer().isDone()) {
            if (stopping) {
                p.answer().cancel(false); // the kernel is shutting down: the cell waiting for input is told so
                return;
            }
            List<byte[]> reply = Frames.receive(socket, 0);
            if (reply == null) {
                continue;
            }
            try {
                Message m = codec.decode(reply);
                // jupyter_client sends input_reply without a parent header, so any input_reply answers the one
                // pending request (as in ipykernel); one that names another request is stale.
                String parentId = m.parentHeader().path("msg_id").asText("");
                if ("input_reply".equals(m.type()) && (parentId.isEmpty() || parentId.equals(id))) {
                    p.answer().complete(m.content().path("value").asText(""));
                } else {
                    LOG.info("stdin: ignoring " + m.type() + " that answers no pending input request");
                }
            } catch (MalformedMessageException e) {
                LOG.warn("stdin: dropped a message: " + e.getMessage());
            }
        }
    }
}
