package dev.eddy.magics.api.render;

/** A value that knows its own MIME bundle (live views, charts); wins over any registered renderer. */
public interface Displayable {
    MimeBundle toMimeBundle();
}
