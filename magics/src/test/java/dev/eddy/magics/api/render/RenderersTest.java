package dev.eddy.magics.api.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {
    private final Renderers renderers = Renderers.withDefaults();

    @Test
    void when_tableIsRendered_then_htmlIsCappedAndEscapedWithTextFallback() {
        int[] ids = new int[120];
        String[] names = new String[120];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
            names[i] = i == 0 ? "<script>" : "n" + i;
        }
        Table t = Table.create("people", IntColumn.create("id", ids), StringColumn.create("name", names));
        MimeBundle b = renderers.render(t);
        String html = (String) b.data().get(MimeBundle.TEXT_HTML);
        assertThat(html).contains("<th>id</th>", "&lt;script&gt;").doesNotContain("<script>");
        assertThat(html.split("<tr>", -1).length - 2).isEqualTo(50);
        assertThat(html).contains("50 of 120 rows");
        assertThat(b.plainText()).contains("people").contains("50 of 120 rows");
    }

    @Test
    void when_imageIsRendered_then_itIsABase64Png() {
        MimeBundle b = renderers.render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB));
        byte[] png = Base64.getDecoder().decode((String) b.data().get(MimeBundle.IMAGE_PNG));
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(b.plainText()).isEqualTo("<image 3x2>");
    }

    @Test
    void when_valueHasNoRenderer_then_textPlainIsItsString() {
        assertThat(renderers.render(List.of(1, 2))).isEqualTo(MimeBundle.text("[1, 2]"));
        assertThat(renderers.render(null)).isEqualTo(MimeBundle.text("null"));
        assertThat(renderers.render(new int[] {1, 2})).isEqualTo(MimeBundle.text("[1, 2]"));
    }

    @Test
    void when_rendererIsRegisteredForAnInterface_then_implementationsUseIt() {
        renderers.register(CharSequence.class, s -> MimeBundle.html("<i>" + s + "</i>", s.toString()));
        assertThat(renderers.render(new StringBuilder("x")).data()).containsEntry(MimeBundle.TEXT_HTML, "<i>x</i>");
    }

    @Test
    void when_rendererFails_then_textIsShownWithTheReason() {
        renderers.register(Integer.class, i -> {
            throw new IllegalStateException("broken");
        });
        assertThat(renderers.render(7).plainText()).startsWith("7").contains("broken");
    }

    @Test
    void when_jsonBundleIsMade_then_valueStaysAnObjectAndStringsAreRefused() {
        MimeBundle b = MimeBundle.json("application/vnd.vegalite.v5+json", Map.of("mark", "bar"), "chart");
        assertThat(b.data().get("application/vnd.vegalite.v5+json")).isInstanceOf(Map.class);
        assertThatThrownBy(() -> MimeBundle.json("application/json", "{\"a\":1}", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void when_displayableIsRendered_then_itsOwnBundleWins() {
        Displayable d = () -> MimeBundle.markdown("**live**");
        assertThat(renderers.render(d).data()).containsEntry(MimeBundle.TEXT_MARKDOWN, "**live**");
    }
}
