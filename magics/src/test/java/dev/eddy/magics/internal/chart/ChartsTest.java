package dev.eddy.magics.internal.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.streaming.api.data.ExactDateColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import tech.tablesaw.api.DoubleColumn;
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

    /** Ten one-minute windows, two pages each: the case whose PNG labels used to overlap. */
    private static Table manyWindows() {
        InstantColumn start = InstantColumn.create("window_start");
        StringColumn page = StringColumn.create("page");
        LongColumn n = LongColumn.create("n");
        for (int i = 0; i < 10; i++) {
            for (String p : List.of("home", "cart")) {
                start.append(Instant.parse("2024-01-01T12:00:00Z").plusSeconds(60L * i));
                page.append(p);
                n.append(p.equals("home") ? i % 3 + 1 : 1);
            }
        }
        return Table.create("pw", start, page, n);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(MimeBundle b) {
        return (Map<String, Object>) b.data().get(Charts.VEGA_LITE);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> enc(Map<String, Object> spec, String channel) {
        return ((Map<String, Map<String, Object>>) spec.get("encoding")).get(channel);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> values(Map<String, Object> spec) {
        return (List<Map<String, Object>>) ((Map<String, Object>) spec.get("data")).get("values");
    }

    @Test
    void when_windowedResultIsCharted_then_xIsAUtcTimeAxisWithShortLabels_andBundleIsVegaLitePngAndTextOnly() {
        MimeBundle b = Charts.render(new ChartSpec(ChartSpec.Kind.LINE, null, null, "word"), windows(), "t");
        assertThat(b.data()).containsOnlyKeys(Charts.VEGA_LITE, MimeBundle.IMAGE_PNG, MimeBundle.TEXT_PLAIN);
        Map<String, Object> spec = spec(b);
        assertThat(enc(spec, "x"))
                .containsEntry("field", "window_start")
                .containsEntry("type", "temporal")
                .containsEntry("scale", Map.of("type", "utc"))
                .containsEntry("title", "window_start (UTC)")
                .containsEntry("axis", Map.of("format", "%H:%M", "labelOverlap", true));
        assertThat(values(spec))
                .extracting(v -> v.get("window_start"))
                .containsExactly("2024-01-01T12:00:00.000Z", "2024-01-01T12:10:00.000Z"); // sorted by x
        byte[] png = Base64.getDecoder().decode((String) b.data().get(MimeBundle.IMAGE_PNG));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void when_countsAreCharted_then_theyGoOutAsIntegersWithIntegerTicks() {
        Map<String, Object> spec =
                spec(Charts.render(new ChartSpec(ChartSpec.Kind.LINE, null, null, null), windows(), null));
        assertThat(enc(spec, "y"))
                .containsEntry("type", "quantitative")
                .containsEntry("axis", Map.of("tickMinStep", 1, "format", "d"));
        assertThat(values(spec)).extracting(v -> v.get("n")).containsExactly(5L, 3L);

        DoubleColumn rate = DoubleColumn.create("rate", 0.5, 1.5);
        Map<String, Object> doubles = spec(Charts.render(
                new ChartSpec(ChartSpec.Kind.LINE, null, "rate", null),
                windows().addColumns(rate),
                null));
        assertThat(enc(doubles, "y")).doesNotContainKey("axis");
    }

    @Test
    void when_barsAreDrawnOverWindows_then_eachWindowIsABandLabelledWithItsTime() {
        Map<String, Object> spec =
                spec(Charts.render(new ChartSpec(ChartSpec.Kind.BAR, null, null, null), windows(), null));
        assertThat(enc(spec, "x"))
                .containsEntry("type", "ordinal")
                .containsEntry("timeUnit", "utcyearmonthdatehoursminutesseconds")
                .containsEntry("axis", Map.of("format", "%H:%M", "labelOverlap", true, "labelAngle", 0));
    }

    /** A result's DATE column of far years is an ExactDateColumn (not a DateColumn): it still charts as time. */
    @Test
    void when_anExactDateColumnIsOnX_then_theAxisIsTemporal() {
        ExactDateColumn d =
                ExactDateColumn.create("d").append(LocalDate.of(1, 1, 15)).append(LocalDate.of(900, 6, 1));
        Table t = Table.create("d", d, LongColumn.create("n", 3, 5));
        Map<String, Object> spec = spec(Charts.render(new ChartSpec(ChartSpec.Kind.LINE, "d", "n", null), t, null));
        assertThat(enc(spec, "x")).containsEntry("type", "temporal");
    }

    @Test
    void when_batchIdsAreOnX_then_theAxisIsOrdinal() {
        Table t = Table.create("p", LongColumn.create("batch", 0, 1, 2), DoubleColumn.create("v", 1, 2, 3));
        Map<String, Object> spec = spec(Charts.render(new ChartSpec(ChartSpec.Kind.LINE, "batch", "v", null), t, null));
        assertThat(enc(spec, "x")).containsEntry("type", "ordinal");
    }

    @Test
    void when_aFacetIsGiven_then_oneChartPerValueEachWithItsOwnYScale() {
        Table t = Table.create(
                "p",
                LongColumn.create("batch", 0, 0, 1, 1),
                StringColumn.create("series", "in", "ms", "in", "ms"),
                DoubleColumn.create("value", 1000, 3, 2000, 4),
                StringColumn.create("unit", "rows/s", "ms", "rows/s", "ms"));
        MimeBundle b = Charts.render(new ChartSpec(ChartSpec.Kind.LINE, "batch", "value", "series", "unit"), t, "q");
        Map<String, Object> spec = spec(b);
        assertThat(spec)
                .containsKeys("facet", "spec")
                .doesNotContainKey("encoding")
                .containsEntry("resolve", Map.of("scale", Map.of("y", "independent")));
        assertThat(b.data().get(MimeBundle.IMAGE_PNG)).isNotNull();
    }

    @Test
    void when_barsHaveAColour_then_thePngStacksThemAsVegaLiteDoes_withShortTimeLabels() throws Exception {
        Table t = manyWindows();
        ChartSpec s = new ChartSpec(ChartSpec.Kind.BAR, "window_start", "n", "page");
        CategoryChart png = (CategoryChart) PngChart.chart(s, t, "pw", 300);
        assertThat(png.getStyler().isStacked()).isTrue();
        List<?> labels = List.copyOf(png.getSeriesMap().get("home").getXData());
        assertThat(labels).hasSize(10).doesNotHaveDuplicates();
        assertThat(labels.stream()
                        .map(String::valueOf)
                        .filter(l -> !l.replace('\u00a0', ' ').isBlank()))
                .containsExactly("12:00", "12:02", "12:04", "12:06", "12:08"); // at most MAX_X_LABELS, in step
        assertThat(spec(Charts.render(s, t, null)))
                .extracting(m -> enc(m, "y"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .doesNotContainKey("stack"); // Vega-Lite's default: stacked
        // kept for a look with an image viewer: target/charts/
        Files.createDirectories(Path.of("target/charts"));
        Files.write(
                Path.of("target/charts/stacked-windows.png"),
                Base64.getDecoder()
                        .decode((String) Charts.render(s, t, "pw").data().get(MimeBundle.IMAGE_PNG)));
    }

    @Test
    void when_timesAreOnAPngLineChart_then_labelsAreUtcAndShort() {
        XYChart png = (XYChart)
                PngChart.chart(new ChartSpec(ChartSpec.Kind.LINE, "window_start", "n", null), manyWindows(), null, 300);
        assertThat(png.getStyler().getTimezone().getID()).isEqualTo("UTC");
        assertThat(png.getStyler().getDatePattern()).isEqualTo("HH:mm");
        assertThat(png.getStyler().getyAxisTickLabelsFormattingFunction().apply(0.5))
                .isEmpty();
        assertThat(png.getStyler().getyAxisTickLabelsFormattingFunction().apply(2.0))
                .isEqualTo("2");
    }

    @Test
    void when_timesHaveSecondsMillisOrSpanDays_then_labelsShowJustThat() {
        long noon = Instant.parse("2024-01-01T12:00:00Z").toEpochMilli();
        assertThat(TimeLabels.of(List.of(noon, noon + 60_000))).isEqualTo(TimeLabels.MINUTE);
        assertThat(TimeLabels.of(List.of(noon, noon + 5_000))).isEqualTo(TimeLabels.SECOND);
        assertThat(TimeLabels.of(List.of(noon, noon + 250))).isEqualTo(TimeLabels.MILLI);
        assertThat(TimeLabels.of(List.of(noon, noon + 86_400_000))).isEqualTo(TimeLabels.DAY_MINUTE);
        assertThat(TimeLabels.of(List.of(noon - 43_200_000, noon + 43_200_000))).isEqualTo(TimeLabels.DAY);
        assertThat(TimeLabels.DAY_MINUTE.format(noon)).isEqualTo("Jan 01 12:00");
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
                .hasMessageContaining("No column 'nope'")
                .hasMessageContaining("word");
    }
}
