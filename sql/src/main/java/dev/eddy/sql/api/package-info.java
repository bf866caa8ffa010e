/**
 * Eddy's SQL front end: {@link dev.eddy.sql.api.Sql} runs SQL texts (DDL, SHOW, DESCRIBE, EXPLAIN, SELECT,
 * INSERT INTO) against a {@link dev.eddy.sql.api.SqlCatalog} of streams and tables; every failure is a
 * {@link dev.eddy.sql.api.SqlException} with one short message and the position.
 */
package dev.eddy.sql.api;
