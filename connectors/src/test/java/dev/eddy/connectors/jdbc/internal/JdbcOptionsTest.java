package dev.eddy.connectors.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.streaming.api.spi.Secrets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Option parsing: Spark's names, environment references, TTLs, and what is never shown. */
class JdbcOptionsTest {

    @Test
    void when_aValueNamesAnEnvironmentVariable_then_itsValueIsUsed_andAMissingOneIsNamed() {
        String path = System.getenv("PATH");
        JdbcOptions o = JdbcOptions.parse(Map.of(
                "url", "jdbc:postgresql://db/x", "table", "t", "password", "${env:PATH}", "properties.ssl", "true"));
        assertThat(o.connection().getProperty("password")).isEqualTo(path);
        assertThat(o.connection().getProperty("ssl")).isEqualTo("true");
        assertThatThrownBy(() -> JdbcOptions.parse(Map.of(
                        "url", "jdbc:postgresql://db/x", "table", "t", "password", "${env:EDDY_SURELY_UNSET_12345}")))
                .hasMessage(
                        "option 'password' names the environment variable EDDY_SURELY_UNSET_12345, which is not set");
    }

    @Test
    void when_optionsAreWrong_then_theMessageNamesTheOptionWithoutTheCredentials() {
        assertThatThrownBy(() -> JdbcOptions.parse(Map.of("table", "t"))).hasMessageContaining("'url'");
        assertThatThrownBy(() -> JdbcOptions.parse(Map.of("url", "jdbc:x:y"))).hasMessageContaining("'dbtable'");
        assertThatThrownBy(() -> JdbcOptions.parse(Map.of("url", "postgres://u:hunter2@db/x", "table", "t")))
                .hasMessageContaining("must be a JDBC URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> JdbcOptions.parse(Map.of("url", "jdbc:x:y", "table", "t", "batchsize", "0")))
                .hasMessageContaining("'batchsize' must be a positive whole number");
    }

    @Test
    void when_ttlsAreGiven_then_theyAreParsedWithTheirUnits() {
        assertThat(JdbcOptions.ttl(null)).isEqualTo(Duration.ZERO);
        assertThat(JdbcOptions.ttl("30 s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(JdbcOptions.ttl("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(JdbcOptions.ttl("5 min")).isEqualTo(Duration.ofMinutes(5));
        assertThat(JdbcOptions.ttl("1 h")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> JdbcOptions.ttl("soon")).hasMessageContaining("'cache.ttl'");
    }

    @Test
    void when_credentialsAreInUrlsOrOptions_then_theShownFormMasksThem() {
        JdbcOptions o = JdbcOptions.parse(
                Map.of("url", "jdbc:postgresql://ann:pw1@db/x?user=ann&password=pw2", "table", "t", "password", "pw3"));
        assertThat(o.safeUrl()).isEqualTo("jdbc:postgresql://***@db/x?user=***&password=***");
        assertThat(o.secrets()).contains("pw1", "pw2", "pw3");
        assertThat(Secrets.scrub("login pw3 failed at " + o.url(), o.secrets())).doesNotContain("pw1", "pw2", "pw3");
        assertThat(Secrets.redacted(Map.of("user", "ann", "password", "pw3", "url", "jdbc:x://db", "table", "t")))
                .containsEntry("user", "***")
                .containsEntry("password", "***")
                .containsEntry("url", "jdbc:x://db")
                .containsEntry("table", "t");
    }
}
