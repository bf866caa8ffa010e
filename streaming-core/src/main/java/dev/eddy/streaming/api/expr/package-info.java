/**
 * Expression trees of the logical plan ({@link dev.eddy.streaming.api.expr.Expr}), their factories
 * ({@link dev.eddy.streaming.api.expr.Functions}) and type resolution
 * ({@link dev.eddy.streaming.api.expr.ExprTypes}).
 */
package dev.eddy.streaming.api.expr;
