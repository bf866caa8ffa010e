/**
 * The translator: plan nodes, expressions, sources and writer settings of Eddy as Spark Connect Dataset calls
 * with the same schema, and the reading of Spark's memory sink back into Eddy's result-table layout.
 */
package dev.eddy.spark.internal.translate;
