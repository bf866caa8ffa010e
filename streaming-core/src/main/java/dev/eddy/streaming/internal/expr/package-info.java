/** Vectorized expression evaluation: compiled evaluators that loop over whole column arrays. */
package dev.eddy.streaming.internal.expr;
