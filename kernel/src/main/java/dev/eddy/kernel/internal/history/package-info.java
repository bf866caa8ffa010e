/** Execution history (tail, range and glob search) behind history requests, kept across restarts in a file. */
package dev.eddy.kernel.internal.history;
