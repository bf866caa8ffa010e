package dev.eddy.magics.internal.args;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.internal.sql.SqlOptions;
import org.junit.jupiter.api.Test;

class ArgsTest {
    @Test
    void when_argumentsHaveQuotes_then_blanksInsideStayInOneArgument() {
        assertThat(Args.split("produce t 'a b' \"c d\" e")).containsExactly("produce", "t", "a b", "c d", "e");
    }

    @Test
    void when_quoteIsNotClosed_then_clearError() {
        assertThatThrownBy(() -> Args.split("produce 'a"))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("Unclosed quote");
    }

    @Test
    void when_sqlOptionsAreGood_then_parsed() {
        SqlOptions o = Args.parse(new SqlOptions(), "--name wc --mode update --trigger 2s --max-rows 5");
        assertThat(o.name).isEqualTo("wc");
        assertThat(o.mode).isEqualTo("update");
        assertThat(o.maxRows()).isEqualTo(5);
    }

    @Test
    void when_optionIsUnknown_then_messageNamesItAndShowsUsage() {
        assertThatThrownBy(() -> Args.parse(new SqlOptions(), "--mdoe update"))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("--mdoe")
                .hasMessageContaining("Usage: %%sql")
                .hasMessageContaining("--trigger");
    }

    @Test
    void when_numberOptionIsNotANumber_then_oneLineNamingTheBound() {
        SqlOptions o = Args.parse(new SqlOptions(), "--max-rows many");
        assertThatThrownBy(o::maxRows)
                .isInstanceOf(MagicException.class)
                .hasMessage("--max-rows must be a whole number from 1 to 10000, not 'many'");
    }
}
