package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Frames to messages and back: {@code [identities..., "<IDS|MSG>", signature, header, parent_header, metadata,
 * content, buffers...]}. Decoding checks the signature before parsing any JSON, and then, as jupyter_client's
 * {@code Session} does, refuses a signature it has already seen in this session (a replayed message never runs
 * twice). A signed message whose header is fine but whose other frames are not JSON objects or exceed
 * {@link #maxFrameBytes()} raises {@link UnreadableRequestException}, so the channel can answer it.
 */
public final class WireCodec {
    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
    /** Default largest JSON frame (bytes); {@code -Deddy.maxMessageBytes=N} changes it. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 256 << 20;
    /** Signatures remembered for replay detection (jupyter_client's {@code digest_history_size}). */
    static final int DIGEST_HISTORY = 1 << 16;

    private final Signer signer;
    private final int maxFrameBytes;
    private final Set<String> digests = new LinkedHashSet<>();

    public WireCodec(Signer signer) {
        this(signer, Integer.getInteger("eddy.maxMessageBytes", DEFAULT_MAX_FRAME_BYTES));
    }

    public WireCodec(Signer signer, int maxFrameBytes) {
        this.signer = signer;
        this.maxFrameBytes = maxFrameBytes;
        Json.allowStringsUpTo(maxFrameBytes);
    }

    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public List<byte[]> encode(Message m) {
        List<byte[]> json = List.of(
                Json.bytes(m.header().toJson()),
                Json.bytes(m.parentHeader()),
                Json.bytes(m.metadata()),
                Json.bytes(m.content()));
        List<byte[]> frames =
                new ArrayList<>(m.identities().size() + 6 + m.buffers().size());
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
            throw new MalformedMessageException(
                    "message has " + (frames.size() - d - 1) + " frames after the delimiter," + " expected at least 5");
        }
        List<byte[]> json = frames.subList(d + 2, d + 6);
        if (!signer.verify(frames.get(d + 1), json)) {
            throw new MalformedMessageException("bad or missing signature");
        }
        rememberSignature(frames.get(d + 1));
        List<byte[]> identities = frames.subList(0, d);
        Header header = Header.fromJson(Json.parseObject(limited(json.get(0), "header"), "header"));
        try {
            JsonNode parent = Json.parseObject(limited(json.get(1), "parent_header"), "parent_header");
            JsonNode metadata = Json.parseObject(limited(json.get(2), "metadata"), "metadata");
            JsonNode content = Json.parseObject(limited(json.get(3), "content"), "content");
            return new Message(identities, header, parent, metadata, content, frames.subList(d + 6, frames.size()));
        } catch (MalformedMessageException e) {
            Message partial = new Message(identities, header, Json.object(), Json.object(), Json.object(), List.of());
            throw new UnreadableRequestException(e.getMessage(), partial, e);
        }
    }

    private byte[] limited(byte[] frame, String what) {
        if (frame.length > maxFrameBytes) {
            throw new MalformedMessageException(what + " is " + frame.length + " bytes, over the kernel's limit of "
                    + maxFrameBytes + " bytes (-Deddy.maxMessageBytes)");
        }
        return frame;
    }

    /** A signed message is accepted once per session; the oldest signatures are forgotten first. */
    private void rememberSignature(byte[] signature) {
        if (!signer.enabled()) {
            return;
        }
        String s = new String(signature, StandardCharsets.US_ASCII);
        synchronized (digests) {
            if (!digests.add(s)) {
                throw new MalformedMessageException("duplicate signature (a replayed message) " + s);
            }
            if (digests.size() > DIGEST_HISTORY) {
                Iterator<String> oldest = digests.iterator();
                oldest.next();
                oldest.remove();
            }
        }
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
