package dev.eddy.magics.internal.kafka;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaMagicTest {
    @Test
    void when_notConnected_then_tailSaysToConnectFirst() {
        assertThatThrownBy(() -> new KafkaMagic(500).run("tail t", null))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("%kafka connect");
    }

    @Test
    void when_brokerIsUnreachable_then_connectFailsWithClearMessageWithinTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String servers = "127.0.0.1:" + port;
        assertThatThrownBy(() -> new KafkaMagic(1500).run("connect " + servers, null))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining(servers);
    }

    @Test
    void when_connectHasNoAddress_then_itUsesTheEnvironmentVariable_orSaysHowToSetIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String servers = "127.0.0.1:" + port;
        // the address comes from EDDY_KAFKA_BOOTSTRAP: the unreachable-broker message names it
        assertThatThrownBy(() ->
                        new KafkaMagic(1000, null, Map.of("EDDY_KAFKA_BOOTSTRAP", servers)::get).run("connect", null))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining(servers);
        assertThatThrownBy(() -> new KafkaMagic(1000, null, name -> null).run("connect", null))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("EDDY_KAFKA_BOOTSTRAP")
                .hasMessageContaining("HOST:PORT");
    }

    @Test
    void when_subcommandIsMistyped_then_nearestIsSuggested() {
        assertThatThrownBy(() -> new KafkaMagic(500).run("topcs", null)).hasMessageContaining("Did you mean 'topics'");
    }

    @Test
    void when_tailCountOrOptionIsBad_then_clearErrorWithUsage() {
        KafkaMagic m = new KafkaMagic(500, "127.0.0.1:1"); // arguments are checked before any broker call
        assertThatThrownBy(() -> m.run("tail t ten", null))
                .hasMessage("N (records to show) must be a whole number from 1 to 10000, not 'ten'");
        assertThatThrownBy(() -> m.run("tail t -5", null))
                .hasMessage("N (records to show) must be from 1 to 10000, not -5");
        assertThatThrownBy(() -> m.run("tail t 5 --from-begining", null))
                .hasMessageContaining("Did you mean '--from-beginning'");
    }
}
