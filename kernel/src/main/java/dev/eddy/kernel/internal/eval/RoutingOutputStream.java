package dev.eddy.kernel.internal.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * What {@code System.out}/{@code System.err} write to: the current thread's cell buffer, or the process's
 * original stream for threads no cell started.
 */
final class RoutingOutputStream extends OutputStream {
    private final Function<CellContext, StreamBuffer> select;
    private final OutputStream fallback;

    RoutingOutputStream(Function<CellContext, StreamBuffer> select, OutputStream fallback) {
        this.select = select;
        this.fallback = fallback;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        CellContext c = CellRouting.current();
        if (c == null) {
            fallback.write(b, off, len);
        } else {
            select.apply(c).write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        if (CellRouting.current() == null) {
            fallback.flush();
        }
    }
}
