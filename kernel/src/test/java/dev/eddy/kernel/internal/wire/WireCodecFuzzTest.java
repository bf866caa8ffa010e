package dev.eddy.kernel.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the wire decoder with frames an attacker or a broken client could send. Most inputs are signed with
 * the right key (so the fuzzer gets past the signature into the JSON frames); the rest use the fuzzed signature.
 * The decoder may only return a message or throw {@link MalformedMessageException}; a decoded message always has
 * a message type and JSON objects for its parent header, metadata and content.
 */
class WireCodecFuzzTest {
    private final Signer signer = new Signer("fuzz-key", "hmac-sha256");
    private final WireCodec codec = new WireCodec(signer, 1 << 20);

    @FuzzTest(maxDuration = "15s")
    @DictionaryEntries({
        "<IDS|MSG>",
        "{\"msg_type\":\"execute_request\",\"msg_id\":\"1\"}",
        "\"msg_type\"",
        "null",
        "\\ud800",
        "{}",
        "[]",
        "\"content\"",
        "1e999999999"
    })
    void decodeReturnsAMessageOrAMalformedMessageError(FuzzedDataProvider data) {
        boolean sign = data.consumeBoolean();
        int identities = data.consumeInt(0, 2);
        int extra = data.consumeInt(0, 2);
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < identities; i++) {
            frames.add(data.consumeBytes(8));
        }
        if (data.consumeBoolean()) {
            frames.add(WireCodec.DELIMITER);
        }
        byte[] signature = data.consumeBytes(64);
        List<byte[]> json = new ArrayList<>();
        for (int i = 0; i < 4 + extra; i++) {
            json.add(i == 3 + extra ? data.consumeRemainingAsBytes() : data.consumeBytes(data.consumeInt(0, 200)));
        }
        frames.add(
                sign
                        ? signer.sign(json.subList(0, Math.min(4, json.size()))).getBytes(StandardCharsets.US_ASCII)
                        : signature);
        frames.addAll(json);
        try {
            Message m = codec.decode(frames);
            assertThat(m.type()).isNotEmpty();
            assertThat(m.content().isObject()).isTrue();
            assertThat(m.parentHeader().isObject()).isTrue();
            assertThat(m.metadata().isObject()).isTrue();
        } catch (UnreadableRequestException e) {
            assertThat(e.request().type()).isNotEmpty();
        } catch (MalformedMessageException expected) {
            // dropped with a log line: the behaviour under test
        }
    }
}
