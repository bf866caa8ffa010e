package dev.eddy.magics.internal.render;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import java.awt.image.RenderedImage;
import java.util.Arrays;
import tech.tablesaw.api.Table;

/** The built-in renderers; registered by {@link Renderers#withDefaults()}. */
public final class DefaultRenderers {
    private DefaultRenderers() {}

    public static void registerInto(Renderers r) {
        r.register(Table.class, new TableRenderer(TableRenderer.DEFAULT_ROW_CAP));
        r.register(RenderedImage.class, ImageRenderer::render);
        r.register(Object[].class, a -> MimeBundle.text(Arrays.deepToString(a)));
        r.register(int[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(long[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(double[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(float[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(boolean[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(char[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(byte[].class, a -> MimeBundle.text(Arrays.toString(a)));
        r.register(short[].class, a -> MimeBundle.text(Arrays.toString(a)));
    }
}
