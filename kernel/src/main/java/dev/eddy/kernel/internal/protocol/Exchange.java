package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
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
  private final List<Message> queuedBeforeError = new ArrayList<>();

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
    iopub.awaitSent(1000);
    channel.send(messages.reply(request, msgType, content));
  }

  public void publish(String msgType, JsonNode content) {
    iopub.publish(messages.publication(msgType, request.headerJson(), content, Json.object()));
  }

  /**
   * For stop_on_error: takes the requests already waiting on the channel. Call it before sending the error
   * reply, so exactly those sent before the client could see the error are aborted; the dispatcher answers
   * execute requests among them with "aborted" and handles the others normally.
   */
  void takeQueuedBeforeError() {
    for (Message m = channel.pollNow(); m != null; m = channel.pollNow()) {
      queuedBeforeError.add(m);
    }
  }

  List<Message> queuedBeforeError() {
    return queuedBeforeError;
  }
}
