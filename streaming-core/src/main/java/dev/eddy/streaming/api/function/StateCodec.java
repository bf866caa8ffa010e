package dev.eddy.streaming.api.function;

/**
 * Turns a {@code flatMapGroupsWithState} state object into text and back, so checkpoints can store it
 * (never Java serialization). {@code decode(encode(s))} must give an equal state.
 */
public interface StateCodec<S> {
    String encode(S state);

    S decode(String text);

    /** For states that are Longs. */
    static StateCodec<Long> longs() {
        return new StateCodec<>() {
            @Override
            public String encode(Long state) {
                return state.toString();
            }

            @Override
            public Long decode(String text) {
                return Long.parseLong(text);
            }
        };
    }

    /** For states that are Strings. */
    static StateCodec<String> strings() {
        return new StateCodec<>() {
            @Override
            public String encode(String state) {
                return state;
            }

            @Override
            public String decode(String text) {
                return text;
            }
        };
    }
}
