package dev.eddy.kernel.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds the JDK for the kernel ITs' second pass: {@code $EDDY_SECOND_JDK} if set, else the newest JDK under
 * /usr/lib/jvm whose feature version is above the build's own and that has jdk.jshell (on the project's machines:
 * Temurin 25 beside JDK 17). Read from each JDK's {@code release} file, without starting it.
 */
final class SecondJdk {
    private SecondJdk() {}

    record Found(Path java, int feature, String why) {}

    static Found find() {
        int own = Runtime.version().feature();
        List<Path> homes = new ArrayList<>();
        String explicit = System.getenv("EDDY_SECOND_JDK");
        if (explicit != null && !explicit.isBlank()) {
            homes.add(Path.of(explicit));
        } else {
            try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
                dirs.filter(Files::isDirectory).forEach(homes::add);
            } catch (IOException e) {
                return new Found(null, 0, "no /usr/lib/jvm to look in (" + e.getMessage() + "); set EDDY_SECOND_JDK");
            }
        }
        Found best = null;
        for (Path home : homes) {
            Properties release = release(home);
            Path java = home.resolve("bin/java");
            int feature = feature(release.getProperty("JAVA_VERSION", ""));
            if (feature > own
                    && Files.isExecutable(java)
                    && release.getProperty("MODULES", "").contains("jdk.jshell")
                    && (best == null || feature > best.feature())) {
                best = new Found(java, feature, "");
            }
        }
        return best != null
                ? best
                : new Found(
                        null,
                        0,
                        "no JDK newer than " + own + " with jdk.jshell in "
                                + (explicit != null && !explicit.isBlank()
                                        ? "EDDY_SECOND_JDK=" + explicit
                                        : "/usr/lib/jvm")
                                + " (install one, e.g. Temurin 25, or point EDDY_SECOND_JDK at it)");
    }

    private static Properties release(Path home) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(home.resolve("release"))) {
            p.load(in);
        } catch (IOException e) {
            // not a JDK
        }
        p.replaceAll((k, v) -> v.toString().replace("\"", ""));
        return p;
    }

    private static int feature(String version) {
        try {
            return Integer.parseInt(version.split("[.+-]", 2)[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
