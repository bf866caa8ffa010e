package dev.eddy.magics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.api.render.MimeBundle;
import dev.eddy.magics.testing.RecordingContext;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MagicRegistryTest {
    private final MagicRegistry registry = MagicRegistry.withBuiltins();
    private final MagicContext ctx = new RecordingContext(registry, name -> Optional.empty());

    @Test
    void when_magicIsRegisteredWithALambda_then_itRunsWithItsArguments() throws Exception {
        registry.register(LineMagic.of("greet", "says hello", (args, c) -> "hello " + args));
        assertThat(registry.run(new CellPart.LineCall("greet", "world", 1), ctx))
                .isEqualTo("hello world");
        assertThat(registry.lineMagics()).containsEntry("greet", "says hello");
    }

    @Test
    void when_lsmagicRuns_then_allMagicsAreListed() throws Exception {
        MimeBundle b = (MimeBundle) registry.run(new CellPart.LineCall("lsmagic", "", 1), ctx);
        assertThat(b.plainText()).contains("%lsmagic", "%help", "%%html", "%%markdown");
    }

    @Test
    void when_magicNameIsMistyped_then_errorSuggestsNearestName() {
        assertThatThrownBy(() -> registry.run(new CellPart.LineCall("lsmagc", "", 1), ctx))
                .isInstanceOf(MagicException.class)
                .hasMessageContaining("Did you mean %lsmagic?");
        assertThatThrownBy(() -> registry.run(new CellPart.CellCall("markdwn", "", ""), ctx))
                .hasMessageContaining("%%markdown");
    }

    @Test
    void when_cellMagicIsUsedAsLineMagic_then_errorPointsToTheRightSigil() {
        assertThatThrownBy(() -> registry.run(new CellPart.LineCall("html", "", 1), ctx))
                .hasMessageContaining("Did you mean %%html (a cell magic)?");
    }

    @Test
    void when_nameIsFarFromAnything_then_noSuggestionIsMade() {
        assertThatThrownBy(() -> registry.run(new CellPart.LineCall("zzzzzzzz", "", 1), ctx))
                .hasMessageNotContaining("Did you mean")
                .hasMessageContaining("%lsmagic");
    }

    @Test
    void when_helpIsAskedForAMagic_then_itsHelpIsShown() throws Exception {
        MimeBundle b = (MimeBundle) registry.run(new CellPart.LineCall("help", "%%html", 1), ctx);
        assertThat(b.plainText()).isEqualTo("%%html: renders the cell as HTML");
    }

    @Test
    void when_nameHasBlanks_then_registrationIsRefused() {
        assertThatThrownBy(() -> registry.register(LineMagic.of("a b", "x", (a, c) -> null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
