/** The Eddy Jupyter kernel; {@link dev.eddy.kernel.Main} starts it. */
package dev.eddy.kernel;
