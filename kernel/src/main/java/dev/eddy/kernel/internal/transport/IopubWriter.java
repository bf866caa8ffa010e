package dev.eddy.kernel.internal.transport;

import dev.eddy.kernel.internal.util.Log;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.WireCodec;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The only thread that touches the IOPub PUB socket. ZMQ sockets are not thread-safe, so every publisher
 * (shell handlers, cell threads, display updates from background threads, output flush timers) hands its
 * message to this queue; the queue keeps their order.
 */
public final class IopubWriter implements Publisher {
    private static final Log LOG = Log.of(IopubWriter.class);
    private static final Message STOP = new Message(List.of(), null, null, null, null, List.of());
    private final BlockingQueue<Message> queue = new LinkedBlockingQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final WireCodec codec;
    private final Thread thread;
    private final AtomicLong published = new AtomicLong();
    private final Object sentLock = new Object();
    private long sent;

    public IopubWriter(ZMQ.Context context, String endpoint, WireCodec codec) {
        this.codec = codec;
        ZMQ.Socket socket = context.socket(SocketType.PUB);
        socket.setLinger(1000);
        socket.bind(endpoint);
        this.thread = new Thread(() -> run(socket), "eddy-iopub");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void publish(Message m) {
        published.incrementAndGet();
        queue.add(m);
    }

    /**
     * A thread whose interrupt flag is set (a cell's thread after an interrupt request) does not wait: the
     * flag belongs to whoever set it, and a wait would consume it.
     */
    @Override
    public void awaitSent(long millis) {
        if (Thread.currentThread().isInterrupted()) {
            return;
        }
        long target = published.get();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        synchronized (sentLock) {
            while (sent < target && thread.isAlive()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sentLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends what is queued, then stops; waits at most {@code millis}. */
    public void close(long millis) throws InterruptedException {
        queue.add(STOP);
        stopped.await(millis, TimeUnit.MILLISECONDS);
    }

    private void run(ZMQ.Socket socket) {
        try {
            while (true) {
                Message m = queue.take();
                if (m == STOP) {
                    break;
                }
                send(socket, m);
                synchronized (sentLock) {
                    sent++;
                    sentLock.notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
            stopped.countDown();
        }
    }

    private void send(ZMQ.Socket socket, Message m) {
        try {
            Frames.send(socket, codec.encode(m));
        } catch (RuntimeException e) {
            LOG.warn("could not publish " + m.type(), e);
        }
    }
}
