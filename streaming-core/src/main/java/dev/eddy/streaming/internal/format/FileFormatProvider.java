package dev.eddy.streaming.internal.format;

import java.util.Locale;

/**
 * What the file source and the file sink providers share: a format name ({@code file}, {@code csv}, {@code json},
 * {@code text}) and the text format it stands for, fixed by the name or, for {@code file}, chosen by the
 * {@code format} option (default json).
 */
public abstract class FileFormatProvider {
    private final String name;
    private final String fixedFormat;

    /** @param fixedFormat the format the name fixes, or null for {@code file} (the {@code format} option) */
    protected FileFormatProvider(String name, String fixedFormat) {
        this.name = name;
        this.fixedFormat = fixedFormat;
    }

    public String formatName() {
        return name;
    }

    /** The text format, lower-cased: the fixed one, else {@code formatOption} (null: json). */
    protected String textFormat(String formatOption) {
        String f = fixedFormat != null ? fixedFormat : formatOption != null ? formatOption : "json";
        return f.toLowerCase(Locale.ROOT);
    }
}
