package dev.eddy.streaming.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvOptionsTest {

    /** Every component away from its default, so a wither that dropped one back to the default is seen. */
    private static final CsvOptions ALL_SET = CsvOptions.from(Map.ofEntries(
            Map.entry("sep", ";"),
            Map.entry("quote", "'"),
            Map.entry("header", "true"),
            Map.entry("escape", "^"),
            Map.entry("nullValue", "NA"),
            Map.entry("mode", "DROPMALFORMED"),
            Map.entry("columnNameOfCorruptRecord", "bad"),
            Map.entry("dateFormat", "dd/MM/yyyy"),
            Map.entry("charToEscapeQuoteEscaping", "#"),
            Map.entry("emptyValue", "EMPTY"),
            Map.entry("ignoreLeadingWhiteSpace", "true"),
            Map.entry("ignoreTrailingWhiteSpace", "true"),
            Map.entry("multiLine", "true"),
            Map.entry("preferDate", "false")));

    @Test
    void when_theHeaderFlagIsChanged_then_onlyTheHeaderDiffers() throws Exception {
        CsvOptions without = ALL_SET.withHeader(false);
        assertThat(without.header()).isFalse();
        assertThat(differingComponents(ALL_SET, without)).containsExactly("header");
        assertThat(without.withHeader(true)).isEqualTo(ALL_SET);
    }

    @Test
    void when_theDatetimesAreChanged_then_onlyTheDatetimesDiffer() throws Exception {
        DatetimeOptions now = ALL_SET.datetimes().withNow(86_400_000L);
        CsvOptions withNow = ALL_SET.withDatetimes(now);
        assertThat(withNow.datetimes()).isSameAs(now);
        assertThat(differingComponents(ALL_SET, withNow)).containsExactly("datetimes");
        assertThat(withNow.withDatetimes(ALL_SET.datetimes())).isEqualTo(ALL_SET);
    }

    @Test
    void when_everyOptionIsGiven_then_noComponentKeepsItsDefault() throws Exception {
        CsvOptions defaults = CsvOptions.from(Map.of());
        assertThat(defaults).isEqualTo(CsvOptions.DEFAULT);
        assertThat(differingComponents(defaults, ALL_SET)).hasSize(CsvOptions.class.getRecordComponents().length);
    }

    @Test
    void when_aTrueOrFalseOptionIsNeither_then_itIsRefusedByName() {
        // a stream's 'header' = 'maybe' was read as false without a word, where every other flag is refused
        assertThatThrownBy(() -> CsvOptions.from(Map.of("header", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option 'header' must be 'true' or 'false', got 'maybe'");
        assertThatThrownBy(() -> CsvOptions.from(Map.of("multiLine", "yes")))
                .hasMessage("option 'multiLine' must be 'true' or 'false', got 'yes'");
        assertThat(CsvOptions.from(Map.of("header", " TRUE ")).header()).isTrue();
    }

    private static List<String> differingComponents(CsvOptions a, CsvOptions b) throws Exception {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : CsvOptions.class.getRecordComponents()) {
            if (!c.getAccessor().invoke(a).equals(c.getAccessor().invoke(b))) {
                names.add(c.getName());
            }
        }
        return names;
    }
}
