/**
 * Eddy on a Spark cluster through Spark Connect: {@link dev.eddy.spark.api.SparkConnection} connects, translates
 * Eddy's logical plans (from SQL and from the Java Dataset API alike) and starts them as remote queries;
 * {@link dev.eddy.spark.api.RemoteQuery} is the notebook's handle of one; what cannot run remotely is a
 * {@link dev.eddy.spark.api.SparkRefusal} before anything starts.
 */
package dev.eddy.spark.api;
