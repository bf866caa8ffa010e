/**
 * The JDBC sink (exactly once through a progress table written in each batch's transaction; COPY on PostgreSQL,
 * batched inserts elsewhere), the static JDBC table reader, options, dialects and the error messages that name the
 * failing row and constraint without showing credentials.
 */
package dev.eddy.connectors.jdbc.internal;
