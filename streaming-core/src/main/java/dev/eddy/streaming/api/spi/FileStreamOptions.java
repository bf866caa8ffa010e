package dev.eddy.streaming.api.spi;

import java.util.Locale;
import java.util.Map;

/**
 * The batch-planning options every file stream source takes, parsed and checked as Spark 4's file stream source does:
 * {@code maxFilesPerTrigger} (new files per batch; Eddy also takes 0 for "no limit"), {@code maxBytesPerTrigger} (new
 * bytes per batch, a soft cap: a batch takes files in order while their total stays within it, and always at least one
 * file, so a file larger than the cap is a batch of its own) and {@code latestFirst} (newest files first). As in
 * Spark, {@code maxFilesPerTrigger} and {@code maxBytesPerTrigger} cannot both be set.
 *
 * @param maxFiles    the most files per batch; 0: no limit
 * @param maxBytes    the most bytes per batch (soft); 0: no limit
 * @param latestFirst take the newest files first
 */
public record FileStreamOptions(int maxFiles, long maxBytes, boolean latestFirst) {
    public static final FileStreamOptions NONE = new FileStreamOptions(0, 0, false);

    /** The options of a reader (keys lower-cased, as {@link SourceContext#options()} has them). */
    public static FileStreamOptions from(Map<String, String> normalized) {
        long files = Options.getLong(normalized, "maxFilesPerTrigger", 0);
        if (files < 0 || files > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Invalid value '" + normalized.get("maxfilespertrigger")
                    + "' for option 'maxFilesPerTrigger', must be a positive integer");
        }
        String bytesText = normalized.get("maxbytespertrigger");
        long bytes = 0;
        if (bytesText != null) {
            try {
                bytes = Long.parseLong(bytesText.trim());
            } catch (NumberFormatException e) {
                bytes = -1;
            }
            if (bytes <= 0) {
                throw new IllegalArgumentException("Invalid value '" + bytesText
                        + "' for option 'maxBytesPerTrigger', must be a positive integer (a number of bytes)");
            }
            if (normalized.containsKey("maxfilespertrigger")) {
                throw new IllegalArgumentException(
                        "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time"
                                + " (as in Spark): keep one");
            }
        }
        String latest = normalized.getOrDefault("latestfirst", "false").trim().toLowerCase(Locale.ROOT);
        if (!latest.equals("true") && !latest.equals("false")) {
            throw new IllegalArgumentException(
                    "Invalid value '" + latest + "' for option 'latestFirst', must be 'true' or 'false'");
        }
        return new FileStreamOptions((int) files, bytes, latest.equals("true"));
    }
}
