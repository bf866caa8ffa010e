package dev.eddy.kernel.internal.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kernel.internal.wire.Header;
import dev.eddy.kernel.internal.wire.Json;

/** kernel_info: answered at once, without waiting for JShell to start. */
public final class KernelInfoHandler implements RequestHandler {
    public static final String IMPLEMENTATION = "eddy";
    private final ObjectNode info;

    public KernelInfoHandler(String version) {
        this.info = build(version);
    }

    @Override
    public void handle(Exchange ex) {
        ex.reply("kernel_info_reply", info.deepCopy());
    }

    static ObjectNode build(String version) {
        ObjectNode c = Json.object();
        c.put("status", "ok");
        c.put("protocol_version", Header.PROTOCOL_VERSION);
        c.put("implementation", IMPLEMENTATION);
        c.put("implementation_version", version);
        ObjectNode lang = c.putObject("language_info");
        lang.put("name", "java");
        lang.put("version", System.getProperty("java.version"));
        lang.put("mimetype", "text/x-java");
        lang.put("file_extension", ".java");
        lang.put("codemirror_mode", "text/x-java");
        lang.put("pygments_lexer", "java");
        c.put(
                "banner",
                "Eddy " + version + " - Java " + System.getProperty("java.version")
                        + " (JShell) for exploring data streams. Try %help and %lsmagic.");
        c.put("debugger", false);
        ArrayNode links = c.putArray("help_links");
        links.addObject()
                .put("text", "Java " + Runtime.version().feature() + " API")
                .put(
                        "url",
                        "https://docs.oracle.com/en/java/javase/"
                                + Runtime.version().feature() + "/docs/api/");
        links.addObject()
                .put("text", "JShell guide")
                .put("url", "https://docs.oracle.com/en/java/javase/17/jshell/introduction-jshell.html");
        links.addObject().put("text", "Tablesaw").put("url", "https://jtablesaw.github.io/tablesaw/");
        return c;
    }
}
