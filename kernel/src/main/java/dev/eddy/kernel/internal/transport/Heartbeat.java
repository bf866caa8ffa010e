package dev.eddy.kernel.internal.transport;

import org.zeromq.SocketType;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/** The heartbeat: a REP socket that echoes every ping, on its own thread so a busy kernel still looks alive. */
public final class Heartbeat {
    private final Thread thread;

    public Heartbeat(ZMQ.Context context, String endpoint) {
        ZMQ.Socket socket = context.socket(SocketType.REP);
        socket.setLinger(0);
        socket.bind(endpoint);
        thread = new Thread(() -> echo(socket), "eddy-heartbeat");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private static void echo(ZMQ.Socket socket) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
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
