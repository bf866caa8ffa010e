package dev.eddy.sql.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SqlWarmUpTest {

    @Test
    void when_warmUpRunsInTheBackground_then_itsRepresentativeQueriesPlanAndLaterQueriesWork() throws Exception {
        CompletableFuture<Boolean> warmed = CompletableFuture.supplyAsync(Sql::warmUp);
        assertThat(warmed.get(60, TimeUnit.SECONDS)).isTrue();
        SqlCatalog catalog = new SqlCatalog();
        Sql sql = new Sql(catalog);
        sql.execute(SqlFixtures.LINES);
        assertThat(sql.execute("SELECT word FROM lines")).isInstanceOf(SqlResult.Streaming.class);
    }
}
