/**
 * Parsing and validation with Calcite: the dialect's configuration, the plan of a query as a Calcite
 * RelNode, the streaming rules Calcite does not know, and short error messages with positions.
 */
package dev.eddy.sql.internal.validate;
