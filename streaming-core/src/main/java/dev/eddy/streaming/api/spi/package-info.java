/**
 * The plug-in contract for sources and sinks: {@link dev.eddy.streaming.api.spi.Source},
 * {@link dev.eddy.streaming.api.spi.Sink}, their {@link dev.eddy.streaming.api.spi.Offset}s and the
 * format registry {@link dev.eddy.streaming.api.spi.Providers} (ServiceLoader or explicit registration).
 */
package dev.eddy.streaming.api.spi;
