package dev.eddy.kernel;

import dev.eddy.kernel.internal.boot.CdsTraining;
import dev.eddy.kernel.internal.boot.Kernel;
import dev.eddy.kernel.internal.wire.ConnectionInfo;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Entry point: {@code java -jar eddy-kernel.jar CONNECTION_FILE} (what the kernelspec's argv runs). */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--cds-training".equals(args[0])) {
            CdsTraining.run();
            return;
        }
        if (args.length != 1) {
            System.err.println("usage: java -jar eddy-kernel.jar CONNECTION_FILE");
            System.exit(2);
        }
        ConnectionInfo conn;
        try {
            conn = ConnectionInfo.read(Path.of(args[0]));
        } catch (IOException e) { // one line, not a stack trace: e.g. an unsupported signature_scheme
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            System.err.println("eddy: cannot use connection file " + args[0] + ": " + why);
            System.exit(2);
            return;
        }
        Kernel kernel = new Kernel(conn, version());
        kernel.start();
        kernel.awaitShutdown();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
