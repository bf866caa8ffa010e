package dev.eddy.kernel.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private final Signer signer = new Signer("secret-key", "hmac-sha256");
    private final WireCodec codec = new WireCodec(signer);
    private final MessageFactory factory = new MessageFactory(
            "kernel-session", "eddy", Clock.fixed(Instant.parse("2026-11-21T15:04:05.123456789Z"), ZoneOffset.UTC));

    private Message request() {
        ObjectNode content = Json.object();
        content.put("code", "1 + 1");
        Header h = new Header("m-1", "client-session", "me", "2026-11-21T15:04:05.000001Z", "execute_request", "5.4");
        return new Message(List.of(bytes("ident")), h, Json.object(), Json.object(), content, List.of());
    }

    @Test
    void when_messageIsEncoded_then_framesFollowTheWireLayoutAndDecodeBack() {
        List<byte[]> frames = codec.encode(request());
        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).isEqualTo("ident");
        assertThat(frames.get(1)).isEqualTo(WireCodec.DELIMITER);
        assertThat(new String(frames.get(2), StandardCharsets.US_ASCII))
                .hasSize(64)
                .matches("[0-9a-f]+");
        Message back = codec.decode(frames);
        assertThat(back.header()).isEqualTo(request().header());
        assertThat(back.content().path("code").asText()).isEqualTo("1 + 1");
        assertThat(back.identities()).hasSize(1);
    }

    @Test
    void when_signatureIsWrong_then_decodeRejectsTheMessage() {
        List<byte[]> frames = new ArrayList<>(codec.encode(request()));
        frames.set(2, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> codec.decode(frames))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void when_contentIsChangedAfterSigning_then_decodeRejectsTheMessage() {
        List<byte[]> frames = new ArrayList<>(codec.encode(request()));
        frames.set(6, bytes("{\"code\":\"System.exit(0)\"}"));
        assertThatThrownBy(() -> codec.decode(frames)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void when_signedWithAnotherKey_then_decodeRejectsTheMessage() {
        List<byte[]> frames = new WireCodec(new Signer("other", "hmac-sha256")).encode(request());
        assertThatThrownBy(() -> codec.decode(frames)).isInstanceOf(MalformedMessageException.class);
    }

    @Test
    void when_framesAreMalformed_then_decodeThrowsAClearError() {
        assertThatThrownBy(() -> codec.decode(List.of(bytes("garbage"))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("delimiter");
        assertThatThrownBy(() -> codec.decode(List.of(WireCodec.DELIMITER, bytes(""))))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("frames");
        List<byte[]> json = List.of(bytes("{not json"), bytes("{}"), bytes("{}"), bytes("{}"));
        List<byte[]> signedGarbage = new ArrayList<>(List.of(WireCodec.DELIMITER, bytes(signer.sign(json))));
        signedGarbage.addAll(json);
        assertThatThrownBy(() -> codec.decode(signedGarbage))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("header");
        List<byte[]> noType = List.of(bytes("{}"), bytes("{}"), bytes("{}"), bytes("{}"));
        List<byte[]> signedNoType = new ArrayList<>(List.of(WireCodec.DELIMITER, bytes(signer.sign(noType))));
        signedNoType.addAll(noType);
        assertThatThrownBy(() -> codec.decode(signedNoType)).hasMessageContaining("msg_type");
    }

    @Test
    void when_keyIsEmpty_then_signatureIsEmptyAndNotChecked() {
        WireCodec open = new WireCodec(new Signer("", "hmac-sha256"));
        List<byte[]> frames = open.encode(request());
        assertThat(frames.get(2)).isEmpty();
        assertThat(open.decode(frames).type()).isEqualTo("execute_request");
    }

    @Test
    void when_kernelReplies_then_headerHasKernelSessionMicrosecondDateAndParent() {
        Message reply = factory.reply(request(), "execute_reply", Json.object());
        assertThat(reply.header().session()).isEqualTo("kernel-session");
        assertThat(reply.header().date()).isEqualTo("2026-11-21T15:04:05.123456Z");
        assertThat(reply.header().version()).isEqualTo("5.4");
        assertThat(reply.parentHeader().path("msg_id").asText()).isEqualTo("m-1");
        assertThat(reply.parentHeader().path("session").asText()).isEqualTo("client-session");
        assertThat(reply.identities()).hasSize(1);
        assertThat(reply.header().msgId())
                .isNotEqualTo(
                        factory.reply(request(), "x", Json.object()).header().msgId());
    }

    @Test
    void when_hmacIsComputed_then_itMatchesTheKnownValue() {
        // HMAC-SHA256("key", "The quick brown fox jumps over the lazy dog"), a published test vector.
        Signer s = new Signer("key", "hmac-sha256");
        assertThat(s.sign(List.of(bytes("The quick brown fox "), bytes("jumps over the lazy dog"))))
                .isEqualTo("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void when_schemeIsAnyJupyterHmac_then_itSignsWithThatHash() {
        // Published HMAC test vectors for key "key" and "The quick brown fox jumps over the lazy dog".
        List<byte[]> fox = List.of(bytes("The quick brown fox jumps over the lazy dog"));
        assertThat(new Signer("key", "hmac-md5").sign(fox)).isEqualTo("80070713463e7749b90c2dc24911e275");
        assertThat(new Signer("key", "hmac-sha1").sign(fox)).isEqualTo("de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9");
        assertThat(new Signer("key", "hmac-sha512").sign(fox))
                .isEqualTo("b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4"
                        + "fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a");
        assertThat(new Signer("key", "hmac-sha384").sign(fox)).hasSize(96);
        for (String scheme : List.of("hmac-sha512", "hmac-sha384", "hmac-sha1", "hmac-md5", "hmac-sha3_256")) {
            WireCodec c = new WireCodec(new Signer("secret", scheme));
            assertThat(c.decode(c.encode(request())).type()).as(scheme).isEqualTo("execute_request");
        }
    }

    @Test
    void when_schemeIsUnknown_then_itIsRefusedWithOneLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> new Signer("k", "hmac-blake3"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'hmac-blake3'")
                .hasMessageContaining("hmac-sha512")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> ConnectionInfo.parse("{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3,"
                        + " \"control_port\": 4, \"hb_port\": 5, \"signature_scheme\": \"rsa\"}"))
                .hasMessageStartingWith("unsupported signature_scheme 'rsa'");
    }

    @Test
    void when_theSameSignedFramesArriveTwice_then_theSecondIsRejectedAsAReplay() {
        List<byte[]> frames = codec.encode(request());
        assertThat(codec.decode(frames).type()).isEqualTo("execute_request");
        assertThatThrownBy(() -> codec.decode(frames))
                .isInstanceOf(MalformedMessageException.class)
                .isNotInstanceOf(UnreadableRequestException.class)
                .hasMessageContaining("duplicate signature");
        Message other = new Message(
                List.of(),
                new Header("m-2", "s", "me", "d", "execute_request", "5.4"),
                Json.object(),
                Json.object(),
                Json.object(),
                List.of());
        assertThat(codec.decode(codec.encode(other)).header().msgId()).isEqualTo("m-2");
    }

    @Test
    void when_signedContentIsAStringOrNull_then_decodeRaisesAnAnswerableError() {
        for (String content : List.of("\"print(1)\"", "null", "[1]")) {
            List<byte[]> json = List.of(
                    bytes("{\"msg_type\":\"execute_request\",\"msg_id\":\"x\"}"),
                    bytes("{}"),
                    bytes("{}"),
                    bytes(content));
            List<byte[]> frames = new ArrayList<>(List.of(bytes("id"), WireCodec.DELIMITER, bytes(signer.sign(json))));
            frames.addAll(json);
            assertThatThrownBy(() -> codec.decode(frames))
                    .isInstanceOfSatisfying(UnreadableRequestException.class, e -> {
                        assertThat(e.request().type()).isEqualTo("execute_request");
                        assertThat(e.request().identities()).hasSize(1);
                        assertThat(e.getMessage()).contains("content");
                    });
        }
    }

    @Test
    void when_aStringIsLongerThanJacksonsDefaultLimit_then_itIsRead_andAFrameOverTheLimitIsAnswerable() {
        String big = "x".repeat(20_000_001);
        ObjectNode content = Json.object();
        content.put("code", big);
        Message m = new Message(List.of(), request().header(), Json.object(), Json.object(), content, List.of());
        assertThat(codec.decode(codec.encode(m)).content().path("code").asText())
                .hasSize(20_000_001);
        WireCodec small = new WireCodec(signer, 1000);
        assertThatThrownBy(() -> small.decode(small.encode(m)))
                .isInstanceOfSatisfying(
                        UnreadableRequestException.class,
                        e -> assertThat(e.getMessage()).contains("over the kernel's limit of 1000 bytes"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
