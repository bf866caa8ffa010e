package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.protocol.RequestHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The handlers a channel starts with while the kernel is still wiring itself: kernel_info is answered at once,
 * every other request type waits (on the channel's thread, so the order of requests is kept) for the handlers
 * the wiring completes. A wiring that failed fails each waiting request, which then gets an error reply.
 */
final class DeferredHandlers {
    private DeferredHandlers() {}

    static Map<String, RequestHandler> of(
            RequestHandler kernelInfo, Set<String> types, CompletableFuture<Map<String, RequestHandler>> wired) {
        Map<String, RequestHandler> h = new HashMap<>();
        for (String type : types) {
            h.put(type, ex -> {
                RequestHandler real = wait(wired).get(type);
                if (real != null) {
                    real.handle(ex);
                }
            });
        }
        h.put("kernel_info_request", kernelInfo);
        return h;
    }

    private static Map<String, RequestHandler> wait(CompletableFuture<Map<String, RequestHandler>> wired)
            throws Exception {
        try {
            return wired.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
