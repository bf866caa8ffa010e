package dev.eddy.magics.internal.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.render.MimeBundle;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class ChartsTest {
  private static Table windows() {
    InstantColumn start = InstantColumn.create("window_start");
    start.append(Instant.parse("2024-01-01T12:10:00Z"));
    start.append(Instant.parse("2024-01-01T12:00:00Z"));
    return Table.create("w", start, StringColumn.create("word", "cat", "dog"), LongColumn.create("n", 3, 5));
  }

  @Test
  void when_windowedResultIsCharted_then_xIsWindowStartAndBundleIsVegaLitePngAndTextOnly() {
    MimeBundle b = Charts.render(new ChartSpec(ChartSpec.Kind.LINE, null, null, "word"), windows(), "t");
    assertThat(b.data()).containsOnlyKeys(Charts.VEGA_LITE, MimeBundle.IMAGE_PNG, MimeBundle.TEXT_PLAIN);
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) b.data().get(Charts.VEGA_LITE);
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> enc = (Map<String, Map<String, Object>>) spec.get("encoding");
    assertThat(enc.get("x")).containsEntry("field", "window_start").containsEntry("type", "temporal");
    assertThat(enc.get("y")).containsEntry("field", "n").containsEntry("type", "quantitative");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> values = (List<Map<String, Object>>) ((Map<String, Object>) spec.get("data")).get("values");
    assertThat(values).extracting(v -> v.get("window_start"))
        .containsExactly("2024-01-01T12:00:00Z", "2024-01-01T12:10:00Z"); // sorted by x
    byte[] png = Base64.getDecoder().decode((String) b.data().get(MimeBundle.IMAGE_PNG));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void when_barChartOverCategories_then_pngIsDrawn() {
    MimeBundle b = Charts.render(new ChartSpec(ChartSpec.Kind.BAR, "word", "n", null), windows(), null);
    assertThat(b.plainText()).contains("bar chart of n over word");
    assertThat((String) b.data().get(MimeBundle.IMAGE_PNG)).isNotEmpty();
  }

  @Test
  void when_columnDoesNotExist_then_errorNamesTheColumns() {
    assertThatThrownBy(() -> Charts.render(new ChartSpec(ChartSpec.Kind.LINE, "nope", "n", null), windows(), null))
        .hasMessageContaining("No column 'nope'").hasMessageContaining("word");
  }
}
