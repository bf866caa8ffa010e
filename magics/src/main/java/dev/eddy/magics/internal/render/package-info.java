/** Built-in renderers (tables, images, arrays) behind {@link dev.eddy.magics.api.render.Renderers}. */
package dev.eddy.magics.internal.render;
