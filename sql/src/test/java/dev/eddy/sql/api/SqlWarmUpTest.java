package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlWarmUpTest {

  @Test
  void when_warmUpRunsInTheBackground_then_itUsesAPrivateCatalogAndLaterQueriesWork() throws Exception {
    SqlCatalog catalog = new SqlCatalog();
    Thread warm = new Thread(Sql::warmUp, "sql-warm-up");
    warm.start();
    warm.join(60_000);
    assertThat(warm.isAlive()).isFalse();
    assertThat(catalog.all()).isEmpty();
    Sql sql = new Sql(catalog);
    sql.execute(SqlFixtures.LINES);
    assertThat(sql.execute("SELECT word FROM lines")).isInstanceOf(SqlResult.Streaming.class);
  }
}
