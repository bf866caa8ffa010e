package dev.eddy.magics.api;

/** A user error in a magic (unknown name, bad argument): shown as one clear message, never a stack trace. */
public class MagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MagicException(String message) {
        super(message);
    }

    public MagicException(String message, Throwable cause) {
        super(message, cause);
    }
}
