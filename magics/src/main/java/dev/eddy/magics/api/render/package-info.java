/**
 * Rendering of values to Jupyter MIME bundles: {@link dev.eddy.magics.api.render.MimeBundle}, the
 * {@link dev.eddy.magics.api.render.Renderers} registry and the {@link dev.eddy.magics.api.render.Renderer} SPI.
 * The kernel's display publisher sends what these produce; nothing here knows about ZMQ.
 */
package dev.eddy.magics.api.render;
