/** The built-in magics registered by {@link dev.eddy.magics.api.MagicRegistry#withBuiltins()}. */
package dev.eddy.magics.internal.builtin;
