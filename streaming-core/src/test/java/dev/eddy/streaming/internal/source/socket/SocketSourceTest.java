package dev.eddy.streaming.internal.source.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.ManualClock;
import dev.eddy.streaming.api.spi.LongOffset;
import dev.eddy.streaming.api.spi.Offset;
import dev.eddy.streaming.api.spi.Providers;
import dev.eddy.streaming.api.spi.Source;
import dev.eddy.streaming.api.spi.SourceContext;
import dev.eddy.streaming.api.spi.TriggerContext;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketSourceTest {
    private static final TriggerContext T = new TriggerContext(0, 0, false);

    /** Polls latestOffset until it reaches {@code want} lines, with a deadline (no sleeping). */
    private static Offset awaitLines(Source s, Offset start, long want) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        Offset o = start;
        while (((LongOffset) o).value() < want) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + o + " lines arrived; status: " + s.status());
            }
            Thread.onSpinWait();
            o = s.latestOffset(start, T);
        }
        return o;
    }

    @Test
    void when_serverSendsLines_then_batchesHoldThemWithTimestamps_andCommittedLinesCannotBeReplayed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Source s = Providers.source("socket")
                    .createSource(new SourceContext(
                            Map.of(
                                    "host",
                                    "127.0.0.1",
                                    "port",
                                    String.valueOf(server.getLocalPort()),
                                    "includeTimestamp",
                                    "true"),
                            Optional.empty(),
                            new ManualClock(7),
                            Optional.empty()));
            try (Socket client = server.accept()) {
                OutputStream out = client.getOutputStream();
                out.write("hello\nwörld\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Offset o1 = awaitLines(s, s.initialOffset(), 2);
                assertThat(s.getBatch(s.initialOffset(), o1).toRows())
                        .extracting(r -> r.values())
                        .containsExactly(new Object[] {"hello", 7_000L}, new Object[] {"wörld", 7_000L});
                s.commit(o1);
                out.write("third\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Offset o2 = awaitLines(s, o1, 3);
                assertThat(s.getBatch(o1, o2).column("value").get(0)).isEqualTo("third");
                assertThatThrownBy(() -> s.getBatch(s.initialOffset(), o2)).hasMessageContaining("not replayable");
            } finally {
                s.stop();
            }
            assertThat(s.isReplayable()).isFalse();
            assertThat(s.description()).contains("not replayable");
        }
    }

    @Test
    void when_aLineIsNotUtf8_then_itsBadBytesAreEscaped_andTheNextLinesStillArrive() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(
                new byte[] {'a', (byte) 0xFF, 'b', '\r', '\n', (byte) 0xC3, (byte) 0xA9, '\n', 'c'});
        assertThat(SocketSource.readLine(in)).isEqualTo("a\\xFFb");
        assertThat(SocketSource.readLine(in)).isEqualTo("\u00e9");
        assertThat(SocketSource.readLine(in)).isEqualTo("c");
        assertThat(SocketSource.readLine(in)).isNull();
        assertThat(SocketSource.readLine(new ByteArrayInputStream(new byte[] {'\n'})))
                .as("empty line")
                .isEmpty();
    }

    @Test
    void when_noServerListens_then_statusSaysItIsWaiting_andStopEndsTheReader() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Source s = Providers.source("socket")
                .createSource(new SourceContext(
                        Map.of("host", "127.0.0.1", "port", String.valueOf(port)),
                        Optional.empty(),
                        new ManualClock(0),
                        Optional.empty()));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!s.status().startsWith("waiting for socket server at 127.0.0.1:" + port)) {
                assertThat(System.nanoTime()).as("status: " + s.status()).isLessThan(deadline);
                Thread.onSpinWait();
            }
            assertThat(s.latestOffset(s.initialOffset(), T)).isEqualTo(s.initialOffset());
        } finally {
            s.stop();
        }
    }

    @Test
    void when_portMissing_then_clearError() {
        assertThatThrownBy(() -> Providers.source("socket")
                        .createSource(
                                new SourceContext(Map.of(), Optional.empty(), new ManualClock(0), Optional.empty())))
                .hasMessageContaining("'port'");
    }
}
