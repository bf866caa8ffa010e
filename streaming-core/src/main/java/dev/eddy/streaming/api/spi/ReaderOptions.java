package dev.eddy.streaming.api.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a reader's options against its source's {@link SourceProvider#optionNames()} before anything is read: an
 * option Spark has that the source does not support is refused with its reason, any other unknown option with the
 * list of those the source takes (Spark ignores unknown options silently; a misspelt {@code maxFilesPerTrigger}
 * would then read everything at once without a word).
 */
public final class ReaderOptions {
    private ReaderOptions() {}

    /** @throws IllegalArgumentException naming the first refused option (or all unknown ones) */
    public static void check(Map<String, String> options, SourceProvider provider) {
        Set<String> known = provider.optionNames();
        if (known.isEmpty()) {
            return;
        }
        Map<String, String> unsupported = provider.unsupportedOptions();
        List<String> unknown = new ArrayList<>();
        for (String key : options.keySet()) {
            String k = key.toLowerCase(Locale.ROOT);
            if (Options.isKnown(k, known)) {
                continue;
            }
            String why = unsupported.get(k);
            if (why != null) {
                throw new IllegalArgumentException(
                        "option '" + key + "' is not supported by the " + provider.formatName() + " source: " + why);
            }
            unknown.add(key);
        }
        if (unknown.isEmpty()) {
            return;
        }
        throw new IllegalArgumentException(
                (unknown.size() == 1 ? "option '" + unknown.get(0) + "' is" : "options " + unknown + " are")
                        + " not an option of the " + provider.formatName() + " source; it takes "
                        + String.join(", ", new TreeSet<>(known)));
    }
}
