package dev.eddy.magics.internal.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.MagicException;
import dev.eddy.magics.testing.RuntimeSession;
import org.junit.jupiter.api.Test;

class SqlMagicBoundsTest extends RuntimeSession {
    private final SqlMagic magic = new SqlMagic(runtime);

    @Test
    void when_maxRowsIsOutOfBounds_then_oneLineErrorNamesTheBoundBeforeAnySqlRuns() {
        assertThatThrownBy(() -> magic.run("--max-rows -1", "CREATE TABLE never_made (a INT)", ctx))
                .isInstanceOf(MagicException.class)
                .hasMessage("--max-rows must be from 1 to 10000, not -1");
        assertThatThrownBy(() -> magic.run("--max-rows 99999999999", "SELECT 1", ctx))
                .hasMessage("--max-rows must be a whole number from 1 to 10000, not '99999999999'");
        assertThat(ctx.displayed).isEmpty();
    }
}
