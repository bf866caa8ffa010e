/** Charts as Vega-Lite (inline data) plus an XChart PNG, and the {@code %chart} magic. */
package dev.eddy.magics.internal.chart;
