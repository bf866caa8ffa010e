package dev.eddy.magics.internal.parse;

import dev.eddy.sql.api.NameSuggester;
import java.util.Collection;
import java.util.Optional;

/** Finds the known name closest to a mistyped one, for "did you mean" hints (the same rule as SQL errors). */
public final class NearestName {
    private NearestName() {}

    /** The nearest name if it is close enough to be a plausible typo (distance at most a third, min 2). */
    public static Optional<String> of(String typed, Collection<String> known) {
        return NameSuggester.closest(typed, known);
    }

    /** {@code " Did you mean 'name'?"} for the nearest name, or nothing when none is close (to end a sentence). */
    public static String hint(String typed, Collection<String> known) {
        return of(typed, known).map(n -> " Did you mean '" + n + "'?").orElse("");
    }
}
