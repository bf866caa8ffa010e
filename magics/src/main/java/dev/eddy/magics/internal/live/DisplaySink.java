package dev.eddy.magics.internal.live;

import dev.eddy.magics.api.render.MimeBundle;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Where a live view sends its updates: the kernel's update_display_data (a list in tests). */
@FunctionalInterface
public interface DisplaySink {
    void update(String displayId, MimeBundle bundle);

    /** The display got its final update (its query ended) and will get no more: its router may forget it. */
    default void ended(String displayId) {}

    /** A sink of two functions: one for updates, one told when a display ended. */
    static DisplaySink of(BiConsumer<String, ? super MimeBundle> update, Consumer<String> ended) {
        return new DisplaySink() {
            @Override
            public void update(String displayId, MimeBundle bundle) {
                update.accept(displayId, bundle);
            }

            @Override
            public void ended(String displayId) {
                ended.accept(displayId);
            }
        };
    }
}
