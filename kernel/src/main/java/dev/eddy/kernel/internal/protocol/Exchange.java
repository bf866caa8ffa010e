package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eddy.kernel.internal.transport.Publisher;
import dev.eddy.kernel.internal.transport.RouterChannel;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.Message;
import dev.eddy.kernel.internal.wire.MessageFactory;

/** One request being handled: replies go back on its channel, publications go to IOPub under it. */
public final class Exchange {
  private final Message request;
  private final RouterChannel channel;
  private final MessageFactory messages;
  private final Publisher iopub;
  private boolean abortQueued;

  public Exchange(Message request, RouterChannel channel, MessageFactory messages, Publisher iopub) {
    this.request = request;
    this.channel = channel;
    this.messages = messages;
    this.iopub = iopub;
  }

  public Message request() {
    return request;
  }

  public JsonNode content() {
    return request.content();
  }

  public void reply(String msgType, JsonNode content) {
    channel.send(messages.reply(request, msgType, content));
  }

  public void publish(String msgType, JsonNode content) {
    iopub.publish(messages.publication(msgType, request.headerJson(), content, Json.object()));
  }

  /** Asks the dispatcher to answer the execute requests already queued with "aborted" (stop_on_error). */
  void abortQueuedExecutes() {
    abortQueued = true;
  }

  boolean abortQueued() {
    return abortQueued;
  }
}
