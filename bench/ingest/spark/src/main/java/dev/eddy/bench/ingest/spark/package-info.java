/** The Spark 4.2 peer of the ingest benchmark, run in its own JVM by bench/ingest/run.sh. */
package dev.eddy.bench.ingest.spark;
