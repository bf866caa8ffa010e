package dev.eddy.kernel.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ConnectionInfoTest {
    @Test
    void when_connectionFileIsParsed_then_portsKeyAndEndpointsAreRead() throws IOException {
        ConnectionInfo c = ConnectionInfo.parse("{\"shell_port\": 5001, \"iopub_port\": 5002, \"stdin_port\": 5003,"
                + " \"control_port\": 5004, \"hb_port\": 5005, \"ip\": \"127.0.0.1\", \"key\": \"abc\","
                + " \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\", \"kernel_name\": \"eddy\"}");
        assertThat(c.shellPort()).isEqualTo(5001);
        assertThat(c.hbPort()).isEqualTo(5005);
        assertThat(c.key()).isEqualTo("abc");
        assertThat(c.endpoint(c.iopubPort())).isEqualTo("tcp://127.0.0.1:5002");
    }

    @Test
    void when_transportIsIpc_then_endpointUsesJupyterNaming() throws IOException {
        ConnectionInfo c = ConnectionInfo.parse("{\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3,"
                + " \"control_port\": 4, \"hb_port\": 5, \"ip\": \"/tmp/k\", \"transport\": \"ipc\"}");
        assertThat(c.endpoint(2)).isEqualTo("ipc:///tmp/k-2");
    }

    @Test
    void when_portIsMissing_then_parseFailsNamingIt() {
        assertThatThrownBy(() -> ConnectionInfo.parse("{\"shell_port\": 1}"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("control_port");
    }
}
