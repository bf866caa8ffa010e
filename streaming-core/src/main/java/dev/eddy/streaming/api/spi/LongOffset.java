package dev.eddy.streaming.api.spi;

/** An offset that is a single counter (memory, rate, socket, a one-partition log). */
public record LongOffset(long value) implements Offset, Comparable<LongOffset> {

    public static final LongOffset ZERO = new LongOffset(0);

    @Override
    public String json() {
        return Long.toString(value);
    }

    public static LongOffset parse(String json) {
        try {
            return new LongOffset(Long.parseLong(json.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a long offset: '" + json + "'", e);
        }
    }

    @Override
    public int compareTo(LongOffset o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return json();
    }
}
