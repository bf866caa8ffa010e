package dev.eddy.kernel.internal.boot;

import dev.eddy.connectors.jdbc.api.JdbcDrivers;
import dev.eddy.kernel.internal.eval.JShellEvaluator;
import dev.eddy.magics.api.LineMagic;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code %jars add <path.jar> ...} puts jars on the running kernel's class path: Java cells can use their classes,
 * and the JDBC drivers among them serve {@code format("jdbc")} and JDBC tables. {@code %jars} lists what was added.
 */
final class JarsMagic implements LineMagic {
    private static final String USAGE = "usage: %jars add <path.jar> [<path.jar> ...]  (or %jars to list them)";
    private final JShellEvaluator java;
    private final List<String> added = new CopyOnWriteArrayList<>();

    JarsMagic(JShellEvaluator java) {
        this.java = java;
    }

    @Override
    public String name() {
        return "jars";
    }

    @Override
    public String help() {
        return "add jars (e.g. a JDBC driver) to the kernel's class path: %jars add <path.jar>";
    }

    @Override
    public Object run(String args, MagicContext context) throws Exception {
        String[] words = args.trim().isEmpty() ? new String[0] : args.trim().split("\\s+");
        if (words.length == 0 || (words.length == 1 && words[0].equals("list"))) {
            return added.isEmpty() ? "no jars added (" + USAGE + ")" : String.join("\n", added);
        }
        if (!words[0].equals("add") || words.length < 2) {
            throw new MagicException(USAGE);
        }
        List<Path> jars = new ArrayList<>();
        for (int i = 1; i < words.length; i++) {
            Path p = Path.of(words[i]).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p) || !p.getFileName().toString().endsWith(".jar")) {
                throw new MagicException("%jars add: no jar file at " + p + " (" + USAGE + ")");
            }
            jars.add(p);
        }
        StringBuilder out = new StringBuilder();
        for (Path p : jars) {
            java.addToClasspath(p.toString());
            List<String> drivers = JdbcDrivers.addJar(p);
            added.add(p.toString());
            out.append(out.length() == 0 ? "" : "\n")
                    .append("added ")
                    .append(p)
                    .append(drivers.isEmpty() ? "" : " (JDBC driver " + String.join(", ", drivers) + ")");
        }
        return out.toString();
    }
}
