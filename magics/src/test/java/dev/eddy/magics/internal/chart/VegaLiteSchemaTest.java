package dev.eddy.magics.internal.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.magics.api.render.MimeBundle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every kind of spec Eddy emits (each mark over time, category, batch-id and number axes, with and without a colour,
 * and the faceted progress chart) is valid against the Vega-Lite v5 JSON schema of the pinned npm release, which the
 * Maven build fetches with npm (see magics/pom.xml).
 */
class VegaLiteSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Schema schema;

    @BeforeAll
    static void loadSchema() throws Exception {
        String file = System.getProperty("eddy.vegaLiteSchema");
        assertThat(file)
                .as("the build passes the schema's path (run through Maven)")
                .isNotNull();
        // Vega-Lite names definitions like "Vector2<number>"; a $ref to one is a URI fragment, where '<', '"' and
        // the like must be percent-encoded (the loader decodes them again when it follows the pointer)
        JsonNode tree = JSON.readTree(Path.of(file).toFile());
        encodeRefs(tree);
        String fixed = JSON.writeValueAsString(tree);
        schema = SchemaLoader.builder()
                .schemaJson(new JSONObject(new JSONTokener(fixed.toString())))
                .draftV7Support()
                .build()
                .load()
                .build();
    }

    private static void encodeRefs(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.get("$ref") != null && o.get("$ref").isTextual()) {
                o.put("$ref", encodeFragment(o.get("$ref").asText()));
            }
        }
        node.forEach(VegaLiteSchemaTest::encodeRefs);
    }

    private static String encodeFragment(String ref) {
        StringBuilder b = new StringBuilder();
        for (byte c : ref.getBytes(StandardCharsets.UTF_8)) {
            boolean safe = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "#/-._~()!*,;=:@".indexOf(c) >= 0;
            b.append(safe ? String.valueOf((char) c) : String.format("%%%02X", c & 0xff));
        }
        return b.toString();
    }

    private static Table table() {
        InstantColumn start = InstantColumn.create("window_start");
        DateTimeColumn local = DateTimeColumn.create("seen");
        StringColumn page = StringColumn.create("page");
        LongColumn n = LongColumn.create("n");
        IntColumn batch = IntColumn.create("batch");
        DoubleColumn rate = DoubleColumn.create("rate");
        InstantColumn at = InstantColumn.create("at");
        for (int i = 0; i < 12; i++) {
            start.append(Instant.parse("2024-01-01T23:50:00Z").plusSeconds(120L * i));
            local.append(LocalDateTime.parse("2024-01-01T12:00:00").plusSeconds(7L * i));
            page.append(i % 3 == 0 ? "home" : "cart");
            n.append(i % 4);
            batch.append(i);
            rate.append(i / 3.0);
            at.append(Instant.parse("2024-01-01T12:00:00Z").plusMillis(250L * i));
        }
        n.setMissing(5);
        return Table.create("t", start, local, page, n, batch, rate, at);
    }

    private static List<String> errors(Object spec) {
        try {
            schema.validate(new JSONObject(JSON.writeValueAsString(spec)));
            return List.of();
        } catch (ValidationException e) {
            return e.getAllMessages();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void when_anyMarkIsDrawnOverAnyKindOfAxis_then_theSpecIsValidVegaLite5() {
        Table t = table();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (ChartSpec.Kind kind : ChartSpec.Kind.values()) {
            for (String x : List.of("window_start", "seen", "at", "page", "batch", "rate")) {
                for (String color : Arrays.asList(null, "page")) {
                    for (String y : List.of("n", "rate")) {
                        MimeBundle b = Charts.render(new ChartSpec(kind, x, y, color), t, "title");
                        List<String> e = errors(b.data().get(Charts.VEGA_LITE));
                        e.forEach(m -> problems.add(kind + " x=" + x + " y=" + y + " color=" + color + ": " + m));
                        checked++;
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).isEqualTo(4 * 6 * 2 * 2);
    }

    @Test
    void when_aFacetedChartIsDrawn_then_theSpecIsValidVegaLite5() {
        Table t = table();
        for (ChartSpec.Kind kind : ChartSpec.Kind.values()) {
            MimeBundle b = Charts.render(new ChartSpec(kind, "batch", "rate", "page", "page"), t, null);
            assertThat(errors(b.data().get(Charts.VEGA_LITE)))
                    .as(kind.toString())
                    .isEmpty();
        }
    }

    @Test
    void when_aSpecIsBroken_then_theSchemaSaysSo() {
        // the check itself can fail: a mark Vega-Lite does not know
        MimeBundle b = Charts.render(new ChartSpec(ChartSpec.Kind.BAR, "page", "n", null), table(), null);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec =
                new LinkedHashMap<>((Map<String, Object>) b.data().get(Charts.VEGA_LITE));
        spec.put("mark", Map.of("type", "pie-chart"));
        assertThat(errors(spec)).isNotEmpty();
    }
}
