package dev.eddy.sql.api.engine;

/**
 * Service-provider hook for engines that run Eddy's logical plans elsewhere (Spark through Spark Connect, in
 * {@code engine-spark}). The kernel finds implementations with {@link java.util.ServiceLoader} in a class loader of
 * their own, made only when a notebook first connects, so their libraries never load otherwise.
 */
public interface RemoteEngineProvider {
    /** The engine's name in {@code %engine connect NAME URL}, e.g. "spark". */
    String name();

    /**
     * Connects to {@code url}.
     *
     * @throws RuntimeException with a one-line message (unreachable, version mismatch, refused credentials)
     */
    RemoteEngine connect(String url);
}
