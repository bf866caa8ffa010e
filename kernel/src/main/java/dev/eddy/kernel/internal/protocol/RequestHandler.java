package dev.eddy.kernel.internal.protocol;

/** Answers one request type. Runs on the channel's thread. */
@FunctionalInterface
public interface RequestHandler {
    void handle(Exchange exchange) throws Exception;
}
