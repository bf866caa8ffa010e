/**
 * The SQL module's side of the engine's {@code ExpressionParser} SPI: {@code selectExpr(...)} and {@code expr(...)}
 * of the Java API parse and translate through this front end, so they mean what the same text means in SQL.
 */
package dev.eddy.sql.internal.expr;
