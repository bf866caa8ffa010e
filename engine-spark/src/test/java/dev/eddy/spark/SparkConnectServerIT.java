package dev.eddy.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.spark.testing.SparkConnectTestServer;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.Test;

class SparkConnectServerIT {

    @Test
    void when_testsStart_then_oneSparkConnectServerOfVersion420AnswersOnLoopback() {
        SparkConnectTestServer server = SparkConnectTestServer.shared();
        SparkSession spark = SparkSession.builder().remote(server.url()).create();
        try {
            assertThat(spark.version()).isEqualTo("4.2.0");
            assertThat(spark.sql("SELECT 1 + 1 AS two").collectAsList().get(0).getInt(0))
                    .isEqualTo(2);
        } finally {
            spark.close();
        }
        assertThat(SparkConnectTestServer.shared()).isSameAs(server);
    }
}
