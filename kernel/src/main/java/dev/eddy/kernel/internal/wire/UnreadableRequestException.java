package dev.eddy.kernel.internal.wire;

/**
 * A message whose signature and header checked out but whose other frames cannot be read (not JSON objects, or
 * over the size limit). Unlike other malformed messages it is answered: {@link #request()} has the sender's
 * identities and header (parent header, metadata and content empty) so the channel can send an error reply.
 */
public final class UnreadableRequestException extends MalformedMessageException {
    private static final long serialVersionUID = 1L;
    private final transient Message request;

    public UnreadableRequestException(String message, Message request, Throwable cause) {
        super(message, cause);
        this.request = request;
    }

    public Message request() {
        return request;
    }
}
