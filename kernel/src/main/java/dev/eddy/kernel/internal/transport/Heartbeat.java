package dev.eddy.kernel.internal.transport;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** The heartbeat: a REP socket that echoes every ping, on its own thread so a busy kernel still looks alive. */
public final class Heartbeat {
    private final Thread thread;

    private volatile boolean stopping;

    public Heartbeat(ZMQ.Context context, String endpoint) {
        ZMQ.Socket socket = context.socket(SocketType.REP);
        socket.setLinger(0);
        socket.setReceiveTimeOut(RouterChannel.STOP_CHECK_MS); // bounded waits: the thread sees a stop request
        socket.bind(endpoint);
        thread = new Thread(() -> echo(socket), "eddy-heartbeat");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Asks the thread to close its socket (see {@link #awaitStopped}). */
    public void stop() {
        stopping = true;
    }

    /** Waits at most {@code millis} for the thread to have closed its socket after {@link #stop}. */
    public void awaitStopped(long millis) throws InterruptedException {
        thread.join(millis);
    }

    private void echo(ZMQ.Socket socket) {
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                byte[] ping = socket.recv(0);
                if (ping != null) {
                    socket.send(ping, 0);
                }
            }
        } catch (ZMQException e) {
            // the context was terminated at shutdown
        } finally {
            socket.close();
        }
    }
}
