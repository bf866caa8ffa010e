/** The SQL catalog as Calcite sees it: a schema of stream and table entries, types mapped both ways. */
package dev.eddy.sql.internal.catalog;
