package dev.eddy.magics.api;

/** What line and cell magics share: a name and one line of help. */
public interface Magic {
    /** The name without the {@code %} or {@code %%}. */
    String name();

    /** One line shown by {@code %lsmagic} and {@code %help}. */
    String help();
}
