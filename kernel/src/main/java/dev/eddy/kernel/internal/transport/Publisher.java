package dev.eddy.kernel.internal.transport;

import dev.eddy.kernel.internal.wire.Message;

/** Puts a message on IOPub. Safe to call from any thread. */
@FunctionalInterface
public interface Publisher {
    void publish(Message m);

    /**
     * Waits until everything published before this call has been sent, at most {@code millis}. Replies use it
     * so a client never sees a request's reply before the outputs published for it (clients such as
     * jupyter_kernel_test read IOPub with a short timeout once the reply is in).
     */
    default void awaitSent(long millis) {}
}
