/**
 * Eddy's SQL grammar: the parser generated from Calcite's Parser.jj template with the statements in
 * src/main/codegen, and the parse-tree nodes of those statements (CREATE/DROP STREAM|TABLE, SHOW, Spark's
 * window call).
 */
package dev.eddy.sql.internal.parser;
