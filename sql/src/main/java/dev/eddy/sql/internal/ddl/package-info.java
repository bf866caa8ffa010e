/** CREATE/DROP STREAM|TABLE, SHOW and DESCRIBE against the catalog, with connector option checks. */
package dev.eddy.sql.internal.ddl;
