package dev.eddy.kernel.internal.wire;

/** A received message that cannot be decoded or fails its signature: logged and dropped by the channel. */
public class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
