/** In-memory execution history (tail, range and glob search) behind history requests. */
package dev.eddy.kernel.internal.history;
