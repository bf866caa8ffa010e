/** The memory source: rows added from tests and notebooks. */
package dev.eddy.streaming.internal.source.memory;
