package dev.eddy.spark.internal.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.connect.client.RetryPolicy;
import scala.Option;
import scala.collection.Iterator;
import scala.collection.immutable.Seq;
import scala.concurrent.duration.FiniteDuration;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark Connect's retry policies, made short: the client's defaults retry an unreachable server for minutes, which
 * a notebook would show as a hung cell or a frozen live view. Here each policy retries {@code maxRetries} times
 * with backoff from 200 ms to 2 s, so a lost server becomes an error within seconds.
 */
public final class Retries {
    private Retries() {}

    public static Seq<RetryPolicy> brief(int maxRetries) {
        List<RetryPolicy> out = new ArrayList<>();
        Iterator<RetryPolicy> defaults = RetryPolicy.defaultPolicies().iterator();
        while (defaults.hasNext()) {
            RetryPolicy p = defaults.next();
            out.add(p.copy(
                    Option.apply(maxRetries),
                    new FiniteDuration(200, TimeUnit.MILLISECONDS),
                    Option.apply(new FiniteDuration(2, TimeUnit.SECONDS)),
                    p.backoffMultiplier(),
                    p.jitter(),
                    p.minJitterThreshold(),
                    p.canRetry(),
                    p.name(),
                    false,
                    p.maxServerRetryDelay()));
        }
        return CollectionConverters.asScala(out).toSeq();
    }
}
