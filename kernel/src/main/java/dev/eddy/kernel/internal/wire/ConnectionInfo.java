package dev.eddy.kernel.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The connection file Jupyter writes for a kernel: where to bind and how to sign. */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int controlPort,
        int stdinPort,
        int iopubPort,
        int hbPort,
        String key,
        String signatureScheme) {

    public static ConnectionInfo read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static ConnectionInfo parse(String json) throws IOException {
        JsonNode n = new ObjectMapper().readTree(json);
        if (n == null || !n.isObject()) {
            throw new IOException("connection file is not a JSON object");
        }
        String scheme = text(n, "signature_scheme", "hmac-sha256");
        try {
            Signer.algorithm(scheme);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new ConnectionInfo(
                text(n, "transport", "tcp"),
                text(n, "ip", "127.0.0.1"),
                port(n, "shell_port"),
                port(n, "control_port"),
                port(n, "stdin_port"),
                port(n, "iopub_port"),
                port(n, "hb_port"),
                text(n, "key", ""),
                scheme);
    }

    /** The ZMQ endpoint for one port: {@code tcp://ip:port}, or {@code ipc://ip-port} as jupyter_client names it. */
    public String endpoint(int port) {
        return "ipc".equals(transport) ? "ipc://" + ip + "-" + port : transport + "://" + ip + ":" + port;
    }

    private static String text(JsonNode n, String field, String dflt) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? dflt : v.asText();
    }

    private static int port(JsonNode n, String field) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt()) {
            throw new IOException("connection file has no valid " + field);
        }
        return v.asInt();
    }
}
