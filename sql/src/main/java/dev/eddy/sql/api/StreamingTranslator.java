package dev.eddy.sql.api;

/**
 * Turns a validated streaming statement into something the engine runs (its logical plan or a started
 * query). Plugged into {@link Sql} by whoever owns the engine session; without one, streaming statements
 * are validated and explained but not run.
 */
@FunctionalInterface
public interface StreamingTranslator {
  Object translate(SqlResult.Streaming statement);
}
