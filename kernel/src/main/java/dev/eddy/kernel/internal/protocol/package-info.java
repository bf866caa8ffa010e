/**
 * Jupyter requests: a dispatcher per channel (busy/idle around every request, aborting after errors) and one
 * small handler per request type.
 */
package dev.eddy.kernel.internal.protocol;
