package dev.eddy.kernel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Classic Jupyter Notebook with the Eddy kernel in headless Chromium (src/test/python/test_browser.py): a
 * streaming %%sql cell's rendered table changes as data arrives and its chart shows as a PNG image. Keeps a
 * screenshot at target/browser-live-view.png.
 */
class EddyBrowserIT {
  @TempDir
  Path jupyterDir;

  @Test
  void when_notebookRunsStreamingSqlInChromium_then_liveTableChangesAndChartRenders() throws Exception {
    Map<String, String> env = new HashMap<>(PythonSuite.installKernel(jupyterDir));
    env.put("EDDY_SCREENSHOT", Path.of("target/browser-live-view.png").toAbsolutePath().toString());
    PythonSuite.Result r = PythonSuite.unittest("test_browser", env);
    assertThat(r.exitCode()).as(r.output()).isZero();
    assertThat(r.output()).contains("OK").doesNotContain("FAIL:").doesNotContain("ERROR:");
    assertThat(Path.of(env.get("EDDY_SCREENSHOT"))).exists();
  }
}
