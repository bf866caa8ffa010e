/** The checkpoint seam: offset log, commit log and state hooks the engine calls per batch. */
package dev.eddy.streaming.api.checkpoint;
