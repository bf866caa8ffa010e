/**
 * Translation of Calcite's validated logical plan (RelNode) into the engine's logical plan, so SQL and
 * the Java Dataset API run the same plan.
 */
package dev.eddy.sql.internal.translate;
