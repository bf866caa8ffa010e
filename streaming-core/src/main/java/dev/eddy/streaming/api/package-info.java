/**
 * Eddy's embedded streaming engine, public API: the session ({@link dev.eddy.streaming.api.Eddy}),
 * datasets, readers and writers, query handles, progress and the injected {@link dev.eddy.streaming.api.Clock}.
 */
package dev.eddy.streaming.api;
