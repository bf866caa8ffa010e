/** Small kernel-wide utilities (logging to the real stderr). */
package dev.eddy.kernel.internal.util;
