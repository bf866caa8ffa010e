package dev.eddy.magics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.api.render.Renderers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartTest {
    private final Table rides =
            Table.create("rides", StringColumn.create("city", "Oslo", "Rome"), IntColumn.create("trips", 3, 5));

    @Test
    void when_javaCellDisplaysAChart_then_bundleIsVegaLiteWithInlineDataAndPngWithoutHtml() {
        MimeBundle b =
                Renderers.withDefaults().render(Chart.bar(rides).x("city").y("trips"));

        assertThat(b.data())
                .containsKeys("application/vnd.vegalite.v5+json", MimeBundle.IMAGE_PNG, MimeBundle.TEXT_PLAIN)
                .doesNotContainKey(MimeBundle.TEXT_HTML);
        @SuppressWarnings("unchecked")
        Map<String, Object> vl = (Map<String, Object>) b.data().get("application/vnd.vegalite.v5+json");
        assertThat(String.valueOf(vl.get("mark"))).contains("bar");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> values =
                (List<Map<String, Object>>) ((Map<String, Object>) vl.get("data")).get("values");
        assertThat(values).extracting(v -> v.get("city")).containsExactly("Oslo", "Rome");
        assertThat(b.plainText()).contains("bar chart of trips over city");
    }

    @Test
    void when_chartColumnDoesNotExist_then_errorNamesTheColumns() {
        assertThatThrownBy(() -> Chart.line(rides).y("trps").toMimeBundle())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trps")
                .hasMessageContaining("[city, trips]");
    }

    @Test
    void when_chartIsCopiedWithAnotherKind_then_originalIsUnchanged() {
        Chart c = Chart.of("point", rides);
        c.color("city");
        assertThat(c.toMimeBundle().plainText()).startsWith("<point chart").doesNotContain(" by city");
    }
}
