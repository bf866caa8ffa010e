package dev.eddy.magics.internal.live;

import java.util.function.LongSupplier;

/**
 * A token bucket shared by every live view: however many queries run, the kernel sends at most
 * {@code perSecond} display updates per second on IOPub (jupyter_server drops messages above 1000/s). Not
 * thread-safe: only the live-view thread uses it.
 */
final class UpdateBudget {
    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    UpdateBudget(double perSecond, double burst, LongSupplier nanoClock) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("budget needs perSecond > 0 and burst >= 1");
        }
        this.perNano = perSecond / 1e9;
        this.capacity = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.last = nanoClock.getAsLong();
    }

    /** Takes {@code n} tokens if there are that many; false (and nothing taken) otherwise. */
    boolean tryTake(int n) {
        refill();
        if (tokens + 1e-9 < n) {
            return false;
        }
        tokens -= n;
        return true;
    }

    private void refill() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - last) * perNano);
        last = now;
    }
}
