/**
 * Spark 4's SQL semantics (ANSI mode) for Eddy's SQL: the operators and functions whose meaning differs from
 * Calcite's (division, {@code div}, substring, date and time functions, LIKE's escape), put into the parse
 * tree before validation so batch and streaming queries share them.
 */
package dev.eddy.sql.internal.spark;
