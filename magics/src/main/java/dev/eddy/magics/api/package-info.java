/**
 * Public magics API: {@link dev.eddy.magics.api.MagicRegistry} holds {@link dev.eddy.magics.api.LineMagic}s
 * ({@code %name args}) and {@link dev.eddy.magics.api.CellMagic}s ({@code %%name args} + body);
 * {@link dev.eddy.magics.api.MagicSyntax} splits a cell into Java and magic parts before JShell sees it.
 */
package dev.eddy.magics.api;
