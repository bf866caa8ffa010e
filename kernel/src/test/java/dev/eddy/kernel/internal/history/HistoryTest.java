package dev.eddy.kernel.internal.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private final History h = new History();

    @BeforeEach
    void fill() {
        h.add(1, "int x = 1;");
        h.add(2, "1+2");
        h.setOutput(2, "3");
        h.add(3, "x * 2");
        h.add(4, "1+2");
        h.add(5, "12 * 2");
    }

    @Test
    void when_tailIsAsked_then_lastEntriesComeOldestFirst() {
        assertThat(h.tail(2)).extracting(History.Entry::line).containsExactly(4, 5);
        assertThat(h.tail(100)).hasSize(5);
        assertThat(h.tail(5).get(1).output()).isEqualTo("3");
    }

    @Test
    void when_rangeIsAsked_then_startIsInclusiveAndStopExclusive() {
        assertThat(h.range(h.session(), 2, 4)).extracting(History.Entry::line).containsExactly(2, 3);
        assertThat(h.range(0, 4, 0)).extracting(History.Entry::line).containsExactly(4, 5);
        assertThat(h.range(7, 1, 10)).isEmpty();
    }

    @Test
    void when_searchUsesGlob_then_wholeInputMustMatch() {
        assertThat(h.search("1?2*", 0, false)).extracting(History.Entry::line).containsExactly(2, 4);
        assertThat(h.search("x*", 0, false)).extracting(History.Entry::line).containsExactly(3);
        assertThat(h.search("*2", 0, false)).extracting(History.Entry::line).containsExactly(2, 3, 4, 5);
    }

    @Test
    void when_searchIsUniqueOrLimited_then_latestMatchesAreKept() {
        List<History.Entry> unique = h.search("1+2", 0, true);
        assertThat(unique).extracting(History.Entry::line).containsExactly(4);
        assertThat(h.search("*", 2, false)).extracting(History.Entry::line).containsExactly(4, 5);
    }

    @Test
    void when_patternHasRegexCharacters_then_theyAreLiteral() {
        h.add(6, "a.b(c)");
        assertThat(h.search("a.b(c)", 0, false)).hasSize(1);
        assertThat(h.search("a?b(c)", 0, false)).hasSize(1);
        assertThat(h.search("axb(c)", 0, false)).isEmpty();
    }
}
