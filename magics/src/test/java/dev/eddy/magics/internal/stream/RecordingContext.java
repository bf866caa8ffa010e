package dev.eddy.magics.internal.stream;

import dev.eddy.magics.api.MagicContext;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A kernel stand-in for magic tests: keeps what was displayed, in order, as text. */
final class RecordingContext implements MagicContext {
  final List<Object> displayed = new CopyOnWriteArrayList<>();

  @Override
  public MagicRegistry registry() {
    return null;
  }

  @Override
  public Renderers renderers() {
    return null;
  }

  @Override
  public String display(Object value) {
    displayed.add(value);
    return "d" + displayed.size();
  }

  @Override
  public void updateDisplay(String displayId, Object value) {
    // live-view updates are not what these tests look at
  }

  @Override
  public void clearOutput(boolean wait) {
  }

  @Override
  public Optional<Object> variable(String name) {
    return Optional.empty();
  }

  /** The text/plain of every displayed bundle. */
  List<String> texts() {
    return displayed.stream().filter(MimeBundle.class::isInstance).map(b -> ((MimeBundle) b).plainText()).toList();
  }
}
