package dev.eddy.kernel.internal.boot;

import dev.eddy.kernel.internal.display.DisplayPublisher;
import dev.eddy.kernel.internal.eval.CellRunner;
import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.Renderers;
import java.util.Optional;

/** The kernel's side of {@link MagicContext}: displays through the display publisher, variables from JShell. */
final class KernelMagicContext implements MagicContext {
  private final CellRunner runner;
  private final DisplayPublisher display;

  KernelMagicContext(CellRunner runner, DisplayPublisher display) {
    this.runner = runner;
    this.display = display;
  }

  @Override
  public MagicRegistry registry() {
    return runner.magics();
  }

  @Override
  public Renderers renderers() {
    return display.renderers();
  }

  @Override
  public String display(Object value) {
    return display.display(value);
  }

  @Override
  public void updateDisplay(String displayId, Object value) {
    display.updateDisplay(displayId, value);
  }

  @Override
  public void updateDisplayNow(String displayId, Object value) {
    display.updateDisplayNow(displayId, value);
  }

  @Override
  public void endDisplay(String displayId) {
    display.endDisplay(displayId);
  }

  @Override
  public void clearOutput(boolean wait) {
    display.clearOutput(wait);
  }

  @Override
  public Optional<Object> variable(String name) {
    return runner.variable(name);
  }
}
