/** The rate and rate-per-batch generators, driven by the engine clock. */
package dev.eddy.streaming.internal.source.rate;
