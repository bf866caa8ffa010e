package dev.eddy.streaming.api.plan;

import dev.eddy.streaming.api.data.Schema;

/** A plan node whose rows have its input's columns: it only drops, orders or watches rows. */
public sealed interface SameColumnsPlan extends UnaryPlan permits Filter, Watermark, Deduplicate, Sort {

    @Override
    default Schema schema() {
        return child().schema();
    }
}
