package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Installs the built kernel jar with install/kernelspec.sh into a temporary Jupyter data dir and runs a python
 * unittest module from src/test/python against it with Debian's /usr/bin/python3.
 */
final class PythonSuite {
  private PythonSuite() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("eddy.repo.root", "..")).toAbsolutePath().normalize();
  }

  static Path kernelJar() {
    Path jar = Path.of(System.getProperty("eddy.kernel.jar", "target/eddy-kernel.jar")).toAbsolutePath();
    assertThat(jar).as("shaded kernel jar (built in the package phase)").exists();
    return jar;
  }

  /** Installs the kernelspec under {@code dir}/share/jupyter and returns the environment pointing Jupyter there. */
  static Map<String, String> installKernel(Path dir) throws Exception {
    Result r = run(List.of(repoRoot().resolve("install/kernelspec.sh").toString(), "install", "--prefix",
        dir.toString(), "--jar", kernelJar().toString()), repoRoot(), Map.of(), 120);
    assertThat(r.exitCode()).as("kernelspec.sh output:\n" + r.output()).isZero();
    Path data = dir.resolve("share/jupyter");
    assertThat(data.resolve("kernels/eddy/kernel.json")).exists();
    Files.createDirectories(dir.resolve("runtime"));
    return Map.of("JUPYTER_PATH", data.toString(), "JUPYTER_DATA_DIR", dir.resolve("data").toString(),
        "JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString(), "JUPYTER_PLATFORM_DIRS", "1",
        "PYTHONDONTWRITEBYTECODE", "1");
  }

  /** Runs {@code python3 -m unittest -v MODULE} in src/test/python and returns its exit code and output. */
  static Result unittest(String module, Map<String, String> env) throws Exception {
    return unittest(module, env, 300);
  }

  /** Like {@link #unittest(String, Map)}, stopping the suite after {@code timeoutSeconds}. */
  static Result unittest(String module, Map<String, String> env, long timeoutSeconds) throws Exception {
    Path dir = repoRoot().resolve("kernel/src/test/python");
    return run(List.of("/usr/bin/python3", "-m", "unittest", "-v", module), dir, env, timeoutSeconds);
  }

  static Result run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Path log = Files.createTempFile("eddy-it", ".log");
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!done) {
      // a hung suite must not leave its kernel running
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.deleteIfExists(log);
    System.out.println("---- " + String.join(" ", command) + "\n" + out);
    return new Result(done ? p.exitValue() : -1, out);
  }

  record Result(int exitCode, String output) {}
}
