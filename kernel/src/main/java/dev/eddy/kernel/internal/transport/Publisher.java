package dev.eddy.kernel.internal.transport;

import dev.eddy.kernel.internal.wire.Message;

/** Puts a message on IOPub. Safe to call from any thread. */
@FunctionalInterface
public interface Publisher {
  void publish(Message m);
}
