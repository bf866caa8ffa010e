/**
 * JDBC for users: {@link dev.eddy.connectors.jdbc.api.JdbcDrivers} makes drivers in jars added at run time (the
 * kernel's {@code %jars add}) visible to the JDBC sink ({@code writeStream().format("jdbc")}) and to JDBC tables
 * ({@code CREATE TABLE ... WITH ('connector' = 'jdbc')}); {@link dev.eddy.connectors.jdbc.api.JdbcTables} reads a
 * table as a batch from Java.
 */
package dev.eddy.connectors.jdbc.api;
