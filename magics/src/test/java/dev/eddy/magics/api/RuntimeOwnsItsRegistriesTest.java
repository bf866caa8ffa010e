package dev.eddy.magics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.magics.internal.engine.RemoteEngines;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.magics.internal.sql.Launch;
import dev.eddy.magics.internal.sql.QueryLauncher;
import dev.eddy.sql.api.engine.RemoteRun;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.Topics;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A kernel session's registries belong to its runtime and end with it; per-query entries end with the query. */
class RuntimeOwnsItsRegistriesTest {

    @Test
    void when_thousandQueriesAreLaunchedStoppedAndForgotten_then_theLauncherKeepsNoneOfThem() {
        Eddy eddy = Eddy.create();
        EddyRuntime runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
        try {
            MemoryStream in = eddy.memoryStream(Schema.of(Field.of("word", DataType.STRING)));
            QueryLauncher launcher = runtime.queryLauncher();
            for (int i = 0; i < 1000; i++) {
                Launch l = new Launch("SELECT word FROM words", "q" + i, "append", null, null, null, 20);
                StreamingQuery q = launcher.start(in.toDF(), l);
                q.stop();
                assertThat(launcher.launch("q" + i)).isSameAs(l); // an ended query keeps its options until forgotten
            }
            // the engine keeps a bounded number of ended queries; the launcher keeps the options of exactly those
            assertThat(launcher.launches())
                    .isEqualTo(eddy.streams().all().size())
                    .isLessThan(1000)
                    .isPositive();
            // restart specs are bounded the same way (the latest ones stay restartable)
            assertThat(eddy.streams().restartable()).contains("q999").hasSizeLessThan(1000);
            eddy.streams().forgetEnded();
            assertThat(launcher.launches()).isZero();
            assertThat(launcher.launch("q999")).isNull();
        } finally {
            runtime.shutdown();
        }
        assertThat(eddy.streams().restartable()).isEmpty();
        assertThat(eddy.streams().all()).isEmpty();
    }

    @Test
    void when_thousandMemoryStreamsAreMade_then_theyAreGoneWhenTheRuntimeShutsDown() {
        Eddy eddy = Eddy.create();
        EddyRuntime runtime = EddyRuntime.of(eddy, LiveViews.Settings.defaults());
        Schema schema = Schema.of(Field.of("word", DataType.STRING));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(eddy.memoryStream(schema).id());
        }
        StreamingQuery q = eddy.readStream()
                .format("memory")
                .option("id", ids.get(999))
                .schema(schema)
                .load()
                .writeStream()
                .format("memory")
                .queryName("last")
                .start();
        q.stop();
        runtime.shutdown();
        for (String id : List.of(ids.get(0), ids.get(500), ids.get(999))) {
            Eddy other = Eddy.create();
            assertThatThrownBy(() -> other.readStream()
                            .format("memory")
                            .option("id", id)
                            .schema(schema)
                            .load()
                            .writeStream()
                            .format("memory")
                            .queryName("after")
                            .start()
                            .processAllAvailable())
                    .hasMessageContaining("no memory stream with id '" + id + "'");
            other.shutdown();
        }
    }

    @Test
    void when_remoteRunsOfOneNameRepeat_then_onlyTheLatestIsKeptAndEndedOnesAreBounded() {
        EddyRuntime runtime = EddyRuntime.of(Eddy.create(), LiveViews.Settings.defaults());
        RemoteEngines engines = runtime.remoteEngines();
        for (int i = 0; i < 1000; i++) {
            engines.started(new EndedRun("r" + (i % 10)));
            engines.started(new EndedRun("u" + i));
        }
        assertThat(engines.runs()).hasSizeLessThanOrEqualTo(200);
        assertThat(engines.run("u999")).isPresent();
        assertThat(engines.runs().stream()
                        .filter(r -> r.query().name().equals("r9"))
                        .count())
                .isLessThanOrEqualTo(1);
        runtime.shutdown();
        assertThat(engines.runs()).isEmpty();
    }

    /** A remote run whose query has ended (the bookkeeping reads only its name and whether it is active). */
    private record EndedRun(String name) implements RemoteRun {
        @Override
        public StreamingQuery query() {
            return (StreamingQuery) Proxy.newProxyInstance(
                    StreamingQuery.class.getClassLoader(),
                    new Class<?>[] {StreamingQuery.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "name" -> name;
                        case "isActive" -> false;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }

        @Override
        public Table result() {
            return Table.create(name);
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public void onChange(Runnable listener) {}
    }

    @Test
    void when_twoRuntimesExist_then_eachHasItsOwnLauncherAndEngines() {
        EddyRuntime a = EddyRuntime.of(Eddy.create(), LiveViews.Settings.defaults());
        EddyRuntime b = EddyRuntime.of(Eddy.create(), LiveViews.Settings.defaults());
        try {
            assertThat(QueryLauncher.of(a)).isSameAs(a.queryLauncher()).isNotSameAs(QueryLauncher.of(b));
            assertThat(RemoteEngines.of(a)).isSameAs(a.remoteEngines()).isNotSameAs(RemoteEngines.of(b));
        } finally {
            a.shutdown();
            b.shutdown();
        }
    }

    @Test
    void when_theSharedRuntimeShutsDown_then_itAndTheDefaultTopicsAreForgotten() {
        EddyRuntime first = EddyRuntime.shared();
        Topics topics = Topics.shared();
        topics.createIfAbsent(TopicConfig.of("left-over", 1));
        EddyRuntime.shutdownShared();
        EddyRuntime second = EddyRuntime.shared();
        try {
            assertThat(second).isNotSameAs(first);
            assertThat(second.eddy()).isNotSameAs(first.eddy());
            assertThat(Topics.shared()).isNotSameAs(topics);
            assertThat(Topics.shared().exists("left-over")).isFalse();
        } finally {
            EddyRuntime.shutdownShared();
        }
    }
}
