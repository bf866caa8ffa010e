package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Frames to messages and back: {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata,
 * content, buffers...]}. Decoding checks the signature before parsing any JSON.
 */
public final class WireCodec {
  public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
  private final Signer signer;

  public WireCodec(Signer signer) {
    this.signer = signer;
  }

  public List<byte[]> encode(Message m) {
    List<byte[]> json = List.of(Json.bytes(m.header().toJson()), Json.bytes(m.parentHeader()),
        Json.bytes(m.metadata()), Json.bytes(m.content()));
    List<byte[]> frames = new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
    frames.addAll(m.identities());
    frames.add(DELIMITER);
    frames.add(signer.sign(json).getBytes(StandardCharsets.US_ASCII));
    frames.addAll(json);
    frames.addAll(m.buffers());
    return frames;
  }

  /** Decodes received frames; throws {@link MalformedMessageException} for anything not a valid signed message. */
  public Message decode(List<byte[]> frames) {
    int d = delimiterIndex(frames);
    if (frames.size() < d + 6) {
      throw new MalformedMessageException("message has " + (frames.size() - d - 1) + " frames after the delimiter,"
          + " expected at least 5");
    }
    List<byte[]> json = frames.subList(d + 2, d + 6);
    if (!signer.verify(frames.get(d + 1), json)) {
      throw new MalformedMessageException("bad or missing signature");
    }
    Header header = Header.fromJson(Json.parseObject(json.get(0), "header"));
    JsonNode parent = Json.parseObject(json.get(1), "parent_header");
    JsonNode metadata = Json.parseObject(json.get(2), "metadata");
    JsonNode content = Json.parseObject(json.get(3), "content");
    return new Message(frames.subList(0, d), header, parent, metadata, content,
        frames.subList(d + 6, frames.size()));
  }

  private static int delimiterIndex(List<byte[]> frames) {
    for (int i = 0; i < frames.size(); i++) {
      if (Arrays.equals(frames.get(i), DELIMITER)) {
        return i;
      }
    }
    throw new MalformedMessageException("no <IDS|MSG> delimiter in " + frames.size() + " frames");
  }
}
