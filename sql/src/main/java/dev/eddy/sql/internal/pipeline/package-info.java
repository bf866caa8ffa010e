/**
 * The SQL pipeline behind the {@code Sql} front door: parse, then per statement DDL, listings, EXPLAIN, or a query
 * through rewrite (Spark functions and windows) → checks → Calcite validation and planning → streaming rules, once,
 * then a batch run of the validated plan or its translation to the engine.
 */
package dev.eddy.sql.internal.pipeline;
