package dev.eddy.kernel.internal.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.kernel.internal.protocol.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DeferredHandlersTest {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final RequestHandler info = ex -> calls.add("info");
    private final CompletableFuture<Map<String, RequestHandler>> wired = new CompletableFuture<>();
    private final Map<String, RequestHandler> handlers =
            DeferredHandlers.of(info, Set.of("execute_request", "comm_msg"), wired);

    @Test
    void when_theKernelIsStillWiring_then_kernelInfoIsAnsweredByItsOwnHandler() throws Exception {
        assertThat(handlers.get("kernel_info_request")).isSameAs(info);
        handlers.get("kernel_info_request").handle(null);
        assertThat(calls).containsExactly("info");
        assertThat(handlers).containsOnlyKeys("kernel_info_request", "execute_request", "comm_msg");
    }

    @Test
    void when_aRequestArrivesBeforeTheWiring_then_itRunsOnTheWiredHandlerOnceThereIsOne() throws Exception {
        Thread channel = new Thread(() -> {
            try {
                handlers.get("execute_request").handle(null);
            } catch (Exception e) {
                calls.add("failed: " + e);
            }
        });
        channel.start();
        assertThat(calls).isEmpty();
        wired.complete(Map.of("execute_request", ex -> calls.add("execute")));
        channel.join(10_000);
        assertThat(channel.isAlive()).isFalse();
        assertThat(calls).containsExactly("execute");
    }

    @Test
    void when_theWiredHandlersLackAType_then_itsRequestIsIgnored() throws Exception {
        wired.complete(Map.of("execute_request", ex -> calls.add("execute")));
        handlers.get("comm_msg").handle(null);
        assertThat(calls).isEmpty();
    }

    @Test
    void when_theWiringFailed_then_aWaitingRequestFailsWithItsCause() {
        wired.completeExceptionally(new IllegalStateException("no magics"));
        assertThatThrownBy(() -> handlers.get("execute_request").handle(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no magics");
    }
}
