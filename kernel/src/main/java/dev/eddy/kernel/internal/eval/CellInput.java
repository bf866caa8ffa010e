package dev.eddy.kernel.internal.eval;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A cell's standard input: when a cell reads System.in and nothing is buffered, one line is asked from the
 * front end (input_request). Without a front end that allows stdin, reads see end of input.
 */
public final class CellInput {
    /** Asks the front end for one line. */
    @FunctionalInterface
    public interface LineSource {
        String readLine(String prompt, boolean password) throws InterruptedException;
    }

    private final LineSource source;
    private byte[] buffered = new byte[0];
    private int pos;

    /** {@code source} may be null: the front end does not allow stdin. */
    public CellInput(LineSource source) {
        this.source = source;
    }

    public static CellInput none() {
        return new CellInput(null);
    }

    /** One line from the front end, for {@code Notebook.input(prompt)}; null when stdin is not allowed. */
    public String readLine(String prompt, boolean password) throws InterruptedException {
        return source == null ? null : source.readLine(prompt, password);
    }

    synchronized int read(byte[] b, int off, int len) throws IOException {
        if (pos == buffered.length) {
            if (source == null) {
                return -1;
            }
            try {
                buffered = (source.readLine("", false) + "\n").getBytes(StandardCharsets.UTF_8);
                pos = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for input");
            }
        }
        int n = Math.min(len, buffered.length - pos);
        System.arraycopy(buffered, pos, b, off, n);
        pos += n;
        return n;
    }

    synchronized int available() {
        return buffered.length - pos;
    }
}
