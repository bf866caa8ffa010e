package dev.eddy.kernel.internal.transport;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** A wire message's frames on a ZeroMQ socket: sent as one multipart message, received whole. */
final class Frames {
    private Frames() {}

    /** Sends {@code frames} as one multipart message. */
    static void send(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** The frames of the next multipart message, or null when none arrived ({@code flags} as for recv). */
    static List<byte[]> receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }
}
