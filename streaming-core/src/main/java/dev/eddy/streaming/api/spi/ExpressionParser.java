package dev.eddy.streaming.api.spi;

import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.expr.Expr;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Turns SQL expression text into engine expressions, for {@code Dataset.selectExpr(...)} and
 * {@code Functions.expr(...)}. The engine has no SQL parser of its own (streaming-core does not depend on the SQL
 * module); the SQL module provides one through {@link ServiceLoader}
 * ({@code META-INF/services/dev.eddy.streaming.api.spi.ExpressionParser}).
 */
public interface ExpressionParser {

    /**
     * Parses one select item: an expression, optionally with {@code AS name}, over the columns of {@code input}.
     * Errors (syntax, unknown columns, wrong types) are IllegalArgumentExceptions whose message quotes the text.
     */
    Expr parse(String sql, Schema input);

    /** The parser on the class path, or an IllegalStateException saying the SQL module is missing. */
    static ExpressionParser find() {
        Iterator<ExpressionParser> it = ServiceLoader.load(
                        ExpressionParser.class, ExpressionParser.class.getClassLoader())
                .iterator();
        if (!it.hasNext() && Thread.currentThread().getContextClassLoader() != null) {
            it = ServiceLoader.load(
                            ExpressionParser.class, Thread.currentThread().getContextClassLoader())
                    .iterator();
        }
        if (!it.hasNext()) {
            throw new IllegalStateException("selectExpr(...) and expr(...) parse SQL with Eddy's SQL module "
                    + "(dev.eddy:sql), which is not on the class path; add it, or write the expression with "
                    + "Functions (col(\"a\").plus(1), ...)");
        }
        return it.next();
    }
}
