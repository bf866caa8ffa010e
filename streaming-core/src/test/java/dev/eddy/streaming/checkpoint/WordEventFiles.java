package dev.eddy.streaming.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;

/**
 * The input of the kill-and-restart tests ({@link KillPointChild}'s file-fed queries): JSON files of {@code ts},
 * {@code word} events over four words, named and dated in batch order.
 */
public final class WordEventFiles {
    private WordEventFiles() {}

    /**
     * Writes {@code files} files of {@code eventsPerFile} events drawn from {@code seed}; event time moves ~6 s per
     * file, so windows close as the query goes.
     */
    public static void write(Path dir, int files, int eventsPerFile, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        String[] words = {"ant", "bee", "cat", "dog"};
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < eventsPerFile; i++) {
                long second = 1_700_000_000L + f * 6L + rnd.nextInt(8);
                sb.append("{\"ts\":\"")
                        .append(Instant.ofEpochSecond(second))
                        .append("\",\"word\":\"")
                        .append(words[rnd.nextInt(words.length)])
                        .append("\"}\n");
            }
            Path p = dir.resolve(String.format("events-%03d.json", f));
            Files.writeString(p, sb);
            Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000L * (f + 1)));
        }
    }
}
