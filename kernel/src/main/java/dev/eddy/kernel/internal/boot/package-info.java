/** Kernel start-up and shutdown: wiring of transport, handlers, JShell and displays. */
package dev.eddy.kernel.internal.boot;
