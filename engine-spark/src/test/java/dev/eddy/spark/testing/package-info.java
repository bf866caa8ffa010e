/** Test fixtures: the Spark Connect server that every engine-spark integration test shares. */
package dev.eddy.spark.testing;
