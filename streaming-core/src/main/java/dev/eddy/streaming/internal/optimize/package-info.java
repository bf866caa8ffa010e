/**
 * Rewrites of a streaming query's logical plan made before it is planned into operators, one place for the Java
 * API and SQL: those Spark's optimizer makes where they change what a query answers (filters below the watermark).
 */
package dev.eddy.streaming.internal.optimize;
