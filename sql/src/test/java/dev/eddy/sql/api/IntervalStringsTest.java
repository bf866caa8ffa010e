package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.sql.internal.window.IntervalStrings;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntervalStringsTest {

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', textBlock = """
      10 minutes        | PT10M
      1 minute          | PT1M
      5 seconds         | PT5S
      1 hour            | PT1H
      2 hours 30 minutes| PT2H30M
      500 milliseconds  | PT0.5S
      1.5 s             | PT1.5S
      interval 1 day    | PT24H
      1 week            | PT168H
      10 min            | PT10M
      """)
  void when_intervalStringIsValid_then_durationIsExact(String text, String expected) {
    assertThat(IntervalStrings.parse(text)).contains(Duration.parse(expected));
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(delimiter = '|', textBlock = """
      10 minuets
      minutes
      10
      -5 seconds
      0 seconds
      ten minutes
      """)
  void when_intervalStringIsInvalid_then_itIsRejected(String text) {
    assertThat(IntervalStrings.parse(text)).isEqualTo(Optional.empty());
  }
}
