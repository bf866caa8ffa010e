package dev.eddy.magics.internal.render;

import dev.eddy.magics.api.render.MimeBundle;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/** Images as base64 PNG (what Jupyter expects for {@code image/png}). */
final class ImageRenderer {
    private ImageRenderer() {}

    static MimeBundle render(RenderedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put(MimeBundle.IMAGE_PNG, Base64.getEncoder().encodeToString(out.toByteArray()));
        d.put(MimeBundle.TEXT_PLAIN, "<image " + image.getWidth() + "x" + image.getHeight() + ">");
        return MimeBundle.of(d);
    }
}
