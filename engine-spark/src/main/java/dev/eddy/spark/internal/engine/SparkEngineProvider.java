package dev.eddy.spark.internal.engine;

import dev.eddy.spark.api.SparkConnection;
import dev.eddy.sql.api.engine.RemoteEngine;
import dev.eddy.sql.api.engine.RemoteEngineProvider;

/** "spark": Eddy's plans on a Spark cluster through Spark Connect. */
public final class SparkEngineProvider implements RemoteEngineProvider {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public RemoteEngine connect(String url) {
        return new SparkRemoteEngine(SparkConnection.connect(url));
    }
}
