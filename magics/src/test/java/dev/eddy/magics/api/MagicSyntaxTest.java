package dev.eddy.magics.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicSyntaxTest {
    @Test
    void when_cellStartsWithDoublePercent_then_wholeCellIsOneCellMagic() {
        List<CellPart> parts = MagicSyntax.split("%%html  --wide\n<b>x</b>\n%not a line magic");
        assertThat(parts).containsExactly(new CellPart.CellCall("html", "--wide", "<b>x</b>\n%not a line magic"));
    }

    @Test
    void when_linesStartWithPercent_then_theyAreLineMagicsBetweenJava() {
        List<CellPart> parts = MagicSyntax.split("int a = 1;\n  %lsmagic\nint b = a % 2;\n%help html");
        assertThat(parts)
                .containsExactly(
                        new CellPart.Java("int a = 1;\n", 1),
                        new CellPart.LineCall("lsmagic", "", 2),
                        new CellPart.Java("int b = a % 2;\n", 3),
                        new CellPart.LineCall("help", "html", 4));
    }

    @Test
    void when_javaUsesModulo_then_itIsNotAMagic() {
        assertThat(MagicSyntax.hasMagic("int r = 7 % 3;")).isFalse();
        assertThat(MagicSyntax.split("int r = 7 % 3;")).containsExactly(new CellPart.Java("int r = 7 % 3;\n", 1));
    }
}
