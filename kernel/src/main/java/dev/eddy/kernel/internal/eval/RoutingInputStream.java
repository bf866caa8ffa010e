package dev.eddy.kernel.internal.eval;

import java.io.IOException;
import java.io.InputStream;

/** What {@code System.in} reads: the current thread's cell input, or end of input outside cells. */
final class RoutingInputStream extends InputStream {
    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        CellContext c = CellRouting.current();
        if (c == null) {
            return -1;
        }
        c.flush(); // a prompt printed with System.out.print must show before the input box
        return c.input().read(b, off, len);
    }

    @Override
    public int available() {
        CellContext c = CellRouting.current();
        return c == null ? 0 : c.input().available();
    }
}
