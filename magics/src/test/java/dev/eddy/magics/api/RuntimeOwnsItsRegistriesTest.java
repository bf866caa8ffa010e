package dev.eddy.magics.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.magics.internal.engine.RemoteEngines;
import dev.eddy.magics.internal.live.LiveViews;
import dev.eddy.magics.internal.sql.Launch;
import dev.eddy.magics.internal.sql.QueryLauncher;
import dev.eddy.streaming.api.Eddy;
import dev.eddy.streaming.api.MemoryStream;
import dev.eddy.streaming.api.StreamingQuery;
import dev.eddy.streaming.api.data.DataType;
import dev.eddy.streaming.api.data.Field;
import dev.eddy.streaming.api.data.Schema;
import dev.eddy.streaming.api.topic.TopicConfig;
import dev.eddy.streaming.api.topic.Topics;
import org.junit.jupiter.api.Test;

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
      assertThat(launcher.launches()).isEqualTo(eddy.streams().all().size()).isLessThan(1000).isPositive();
      eddy.streams().forgetEnded();
      assertThat(launcher.launches()).isZero();
      assertThat(launcher.launch("q999")).isNull();
    } finally {
      runtime.shutdown();
    }
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
