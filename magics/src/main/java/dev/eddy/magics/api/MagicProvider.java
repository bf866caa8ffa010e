package dev.eddy.magics.api;

/**
 * Service-provider hook: modules add magics without touching the kernel by listing an implementation in
 * {@code META-INF/services/dev.eddy.magics.api.MagicProvider}. The kernel calls it once at start.
 */
public interface MagicProvider {
    void registerInto(MagicRegistry registry);

    /**
     * Optional warm-up (e.g. a first Calcite query, which takes seconds cold). The kernel calls it once on a
     * background thread after JShell is ready, never on the path of a request; failures are only logged.
     */
    default void warmUp() {}
}
