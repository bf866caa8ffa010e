package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.kernel.internal.wire.ConnectionInfo;
import dev.eddy.kernel.internal.wire.Json;
import dev.eddy.kernel.internal.wire.MessageFactory;
import dev.eddy.kernel.internal.wire.Signer;
import dev.eddy.kernel.internal.wire.WireCodec;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.Renderers;
import java.io.PrintStream;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A short run that loads the classes a kernel start needs (JShell, javac, Jackson, the wire layer, renderers,
 * Calcite),
 * so the installer can record them in a class-data-sharing archive ({@code -XX:ArchiveClassesAtExit}) that
 * makes later kernel starts and first cells faster. No sockets are opened.
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void run() throws Exception {
        PrintStream err = System.err;
        try (JShellEvaluator java = new JShellEvaluator(System.getProperty("java.class.path"), Startup.IMPORTS, err)) {
            java.warmUpAndWait(Startup.WARM_UP);
        }
        WireCodec codec = new WireCodec(new Signer("training", "hmac-sha256"));
        MessageFactory f = MessageFactory.forThisProcess();
        codec.decode(codec.encode(f.publication("status", Json.object(), Json.object(), Json.object())));
        ConnectionInfo.parse("{\"shell_port\":1,\"iopub_port\":2,\"stdin_port\":3,\"control_port\":4,\"hb_port\":5}");
        Renderers.withDefaults().render(Table.create("t"));
        Renderers.withDefaults().render(List.of(1));
        MagicRegistry.withBuiltins();
        WarmUps.sqlSteps().forEach(Runnable::run); // Calcite's classes too: its background warm-up then costs less
    }
}
