package dev.eddy.streaming.internal.format;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The malformed-input policy of every text source: a record is decoded on its own and strictly (invalid UTF-8,
 * including encoded surrogates and overlong forms, is an error, never silently replaced), and a record that is
 * not valid UTF-8 is kept as text in which each offending byte is written {@code \xNN} (Python's
 * {@code backslashreplace}), so nothing is lost and the rest of the input is still read.
 */
public final class Utf8Text {
    private static final ThreadLocal<CharsetDecoder> STRICT = ThreadLocal.withInitial(() -> StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));

    private Utf8Text() {}

    /** The text of {@code b[off, off+len)}, or null if those bytes are not valid UTF-8. */
    public static String decodeOrNull(byte[] b, int off, int len) {
        if (isAscii(b, off, len)) {
            return new String(b, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return STRICT.get().reset().decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    public static String decodeOrNull(byte[] b) {
        return decodeOrNull(b, 0, b.length);
    }

    /** True if the bytes are valid UTF-8 (the same rule as {@link #decodeOrNull}). */
    public static boolean isValid(byte[] b) {
        return isAscii(b, 0, b.length) || decodeOrNull(b, 0, b.length) != null;
    }

    /** The bytes as text, each byte that is not part of a valid UTF-8 sequence written as {@code \xNN}. */
    public static String escaped(byte[] b, int off, int len) {
        CharsetDecoder d = STRICT.get().reset();
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer out = CharBuffer.allocate(Math.max(16, len * 4));
        while (true) {
            var r = d.decode(in, out, true); // also for no bytes: flush needs a final decode first
            if (r.isError()) {
                for (int i = 0; i < r.length(); i++) {
                    out.put(String.format("\\x%02X", in.get() & 0xFF));
                }
            } else if (r.isUnderflow()) {
                d.flush(out);
                return out.flip().toString();
            }
        }
    }

    public static String escaped(byte[] b) {
        return escaped(b, 0, b.length);
    }

    /** The text, or for invalid UTF-8 the {@link #escaped} text; null for null. */
    public static String lenient(byte[] b) {
        if (b == null) {
            return null;
        }
        String s = decodeOrNull(b);
        return s != null ? s : escaped(b);
    }

    /** True if the text holds a high surrogate without its low one, or a low one alone (not Unicode text). */
    public static boolean hasLoneSurrogate(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
