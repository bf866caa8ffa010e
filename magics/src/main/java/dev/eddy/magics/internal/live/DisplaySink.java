package dev.eddy.magics.internal.live;

import dev.eddy.magics.api.render.MimeBundle;

/** Where a live view sends its updates: the kernel's update_display_data (a list in tests). */
@FunctionalInterface
public interface DisplaySink {
  void update(String displayId, MimeBundle bundle);

  /** The display got its final update (its query ended) and will get no more: its router may forget it. */
  default void ended(String displayId) {
  }
}
