/** Batch SQL over static and memory tables, executed by Calcite's own enumerable engine. */
package dev.eddy.sql.internal.batch;
