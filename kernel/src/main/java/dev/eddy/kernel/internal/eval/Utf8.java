package dev.eddy.kernel.internal.eval;

/** Finds where the last complete UTF-8 character ends, so a flush never splits a character. */
final class Utf8 {
    private Utf8() {}

    static int completePrefix(byte[] b) {
        int n = b.length;
        // Look back at most 3 bytes for the lead byte of a possibly unfinished sequence.
        for (int i = n - 1; i >= Math.max(0, n - 4); i--) {
            int v = b[i] & 0xFF;
            if (v < 0x80) {
                return n;
            }
            if (v >= 0xC0) {
                int need = v >= 0xF0 ? 4 : v >= 0xE0 ? 3 : 2;
                return n - i >= need ? n : i;
            }
        }
        return n;
    }
}
