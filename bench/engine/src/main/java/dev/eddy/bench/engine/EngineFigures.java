package dev.eddy.bench.engine;

/** The engine's figures through its public API (filled in once the engine's session API exists). */
final class EngineFigures {
    private EngineFigures() {
    }

    static void run(int scale, double kstreamsWindowCountSum) {
    }
}
