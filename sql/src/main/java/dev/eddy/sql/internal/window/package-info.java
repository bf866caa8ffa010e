/**
 * Window forms: Spark's window()/session_window() in GROUP BY rewritten to Calcite's TUMBLE/HOP/SESSION
 * table functions before validation, and interval strings such as '10 minutes'.
 */
package dev.eddy.sql.internal.window;
