package dev.eddy.streaming.internal.window;

/**
 * Assigns event times to time windows [start, start + size). An immutable value made by
 * {@link #tumbling} or {@link #sliding}; times are epoch micros and may be negative.
 * A sliding window whose slide does not divide its size still gives every window containing t.
 */
public final class WindowAssigner {
    private final long size;
    private final long slide;
    private final long offset;

    private WindowAssigner(long size, long slide, long offset) {
        if (size <= 0 || slide <= 0 || slide > size) {
            throw new IllegalArgumentException("need 0 < slide <= size, got size " + size + ", slide " + slide);
        }
        this.size = size;
        this.slide = slide;
        this.offset = Math.floorMod(offset, slide);
    }

    public static WindowAssigner tumbling(long size) {
        return new WindowAssigner(size, size, 0);
    }

    public static WindowAssigner sliding(long size, long slide) {
        return new WindowAssigner(size, slide, 0);
    }

    public static WindowAssigner of(long size, long slide, long offset) {
        return new WindowAssigner(size, slide, offset);
    }

    public long size() {
        return size;
    }

    public long slide() {
        return slide;
    }

    /** Where window starts are aligned: starts are offset + k * slide, with 0 <= offset < slide. */
    public long offset() {
        return offset;
    }

    /**
     * The pane length gcd(size, slide): window starts and ends all fall on pane boundaries, so the rows of one
     * pane [p, p + pane) belong to exactly the same windows, those {@link #assign} gives for p.
     */
    public long paneSize() {
        long a = size;
        long b = slide;
        while (b != 0) {
            long r = a % b;
            a = b;
            b = r;
        }
        return a;
    }

    public boolean isTumbling() {
        return size == slide;
    }

    /** The most windows one time can fall into. */
    public int maxWindowsPerTime() {
        return (int) ((size + slide - 1) / slide);
    }

    /** The start of the latest window containing t. */
    public long lastStart(long t) {
        return Math.floorDiv(t - offset, slide) * slide + offset;
    }

    /** Writes the starts of all windows containing t, latest first, into {@code out}; returns how many. */
    public int assign(long t, long[] out, int at) {
        int n = 0;
        for (long s = lastStart(t); s > t - size; s -= slide) {
            out[at + n++] = s;
        }
        return n;
    }

    @Override
    public String toString() {
        return isTumbling() ? "tumbling(" + size + ")" : "sliding(" + size + ", " + slide + ")";
    }
}
