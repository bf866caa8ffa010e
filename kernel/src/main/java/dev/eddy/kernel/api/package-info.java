/**
 * Public kernel API: {@link dev.eddy.kernel.api.Notebook} helpers for cells ({@code display},
 * {@code updateDisplay}, {@code clearOutput}); the entry point is {@link dev.eddy.kernel.Main}.
 */
package dev.eddy.kernel.api;
