package dev.eddy.magics.api;

/**
 * Service-provider hook: modules add magics without touching the kernel by listing an implementation in
 * {@code META-INF/services/dev.eddy.magics.api.MagicProvider}. The kernel calls it once at start.
 */
public interface MagicProvider {
  void registerInto(MagicRegistry registry);
}
