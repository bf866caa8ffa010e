package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every notebook under notebooks/ runs top to bottom on the installed kernel (nbclient). */
class NotebooksIT {
  @TempDir
  Path jupyterDir;

  @Test
  void when_notebooksRunTopToBottom_then_noCellFails() throws Exception {
    Map<String, String> env = PythonSuite.installKernel(jupyterDir);
    PythonSuite.Result r = PythonSuite.unittest("test_notebooks", env);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("OK");
  }
}
