/** Waiting for an external system (a broker) to come back: bounded exponential backoff that a stop can cut short. */
package dev.eddy.streaming.internal.retry;
