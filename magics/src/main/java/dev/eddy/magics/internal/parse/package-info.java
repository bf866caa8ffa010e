/** Helpers for recognising magic names (nearest-name suggestions). */
package dev.eddy.magics.internal.parse;
