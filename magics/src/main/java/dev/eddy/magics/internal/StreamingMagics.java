package dev.eddy.magics.internal;

import dev.eddy.magics.api.EddyRuntime;
import dev.eddy.magics.api.MagicProvider;
import dev.eddy.magics.api.MagicRegistry;
import dev.eddy.magics.internal.chart.ChartMagic;
import dev.eddy.magics.internal.engine.EngineMagic;
import dev.eddy.magics.internal.kafka.KafkaMagic;
import dev.eddy.magics.internal.sql.SqlMagic;
import dev.eddy.magics.internal.stream.StreamMagic;
import dev.eddy.magics.internal.topic.TopicMagic;

/** Registers {@code %%sql}, {@code %stream}, {@code %topic}, {@code %kafka} and {@code %chart} on the kernel's shared runtime. */
public final class StreamingMagics implements MagicProvider {
    @Override
    public void registerInto(MagicRegistry registry) {
        registerInto(registry, EddyRuntime.shared());
    }

    public static void registerInto(MagicRegistry registry, EddyRuntime runtime) {
        registry.register(new SqlMagic(runtime));
        registry.register(new StreamMagic(runtime));
        registry.register(new TopicMagic());
        registry.register(new ChartMagic(runtime));
        registry.register(new KafkaMagic(5000));
        registry.register(new EngineMagic(runtime));
    }
}
