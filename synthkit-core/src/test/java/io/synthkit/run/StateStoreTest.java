package io.synthkit.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.embed.VectorStore;
import io.synthkit.llm.BatchJournal;
import io.synthkit.llm.ChatResult;
import io.synthkit.llm.Price;
import io.synthkit.llm.ResponseCache;
import io.synthkit.llm.TokenUsage;
import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.Choice;
import io.synthkit.spi.RunStorageException;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the state database keeps across sessions: each part written, closed, and read back from a new store. */
class StateStoreTest {

  @TempDir
  Path dir;

  private Path db() {
    return dir.resolve("state.db");
  }

  private static ChatResult reply(String text, TokenUsage usage) {
    return new ChatResult("m-1", List.of(new Choice(text, "stop")), usage, false);
  }

  private static ResponseCache.Entry entry(String role, String stage, ChatResult result, double cost,
      double cached) {
    return new ResponseCache.Entry(role, stage, "call/" + result.first().text(), result,
        new Price.Charge(cost, cached));
  }

  /** Runs SQL on the file directly, as an older synthkit or a damaged disk would have left it. */
  private static void sql(Path file, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        Statement s = c.createStatement()) {
      for (String st : statements) {
        s.execute(st);
      }
    }
  }

  @Test
  void responses_surviveReopen_andTheFirstAnswerForAKeyIsKept() {
    ChatResult first = reply("first", new TokenUsage(10, 4, false));
    try (StateStore s = new StateStore(db())) {
      assertThat(s.get("k1")).isEmpty();
      s.put("k1", entry("generator", "gen", first, 0.5, 0));
      s.put("k1", entry("generator", "gen", reply("second", new TokenUsage(1, 1, false)), 9, 0));
      assertThat(s.responseCount()).isEqualTo(1);
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.get("k1")).contains(first);
      assertThat(s.get("k2")).isEmpty();
      assertThat(s.responseCount()).isEqualTo(1);
    }
    assertThat(StateStore.responseCount(db())).isEqualTo(1);
  }

  @Test
  void loadUsage_sumsTokensAndCostPerRoleAndStage_fromTheResponses() {
    try (StateStore s = new StateStore(db())) {
      s.put("a", entry("generator", "gen", reply("a", new TokenUsage(100, 20, 5, false, 30, 7)), 0.25, 0.05));
      s.put("b", entry("generator", "gen", reply("b", new TokenUsage(50, 10, 0, false, 3, 1)), 0.5, 0.125));
      s.put("c", entry("judge", "score", reply("c", new TokenUsage(7, 2, false)), 1.0, 0));
    }
    try (StateStore s = new StateStore(db())) {
      Map<UsageMeter.Key, Usage> usage = s.loadUsage();
      assertThat(usage).containsOnlyKeys(new UsageMeter.Key("generator", "gen"), new UsageMeter.Key("judge", "score"));
      Usage gen = usage.get(new UsageMeter.Key("generator", "gen"));
      assertThat(gen).isEqualTo(new Usage(2, 0, 0, 0, 0, 0, 150, 30, 0.75, 0, 33, 8, 0.175));
      Usage judge = usage.get(new UsageMeter.Key("judge", "score"));
      assertThat(judge).isEqualTo(new Usage(1, 0, 0, 0, 0, 0, 7, 2, 1.0, 0, 0, 0, 0));
    }
  }

  @Test
  void saveCounters_keepsEachCounterByName_butNotTokensOrCost_andASecondSaveReplacesTheFirst() {
    UsageMeter.Key key = new UsageMeter.Key("generator", "gen");
    // The baseline carries tokens and cost too: those come back only from the responses, so here as zero.
    Usage counted = new Usage(9, 2, 3, 4, 5, 6, 1000, 2000, 3.5, 7, 11, 12, 0.5);
    try (StateStore s = new StateStore(db())) {
      s.saveCounters(new UsageMeter(Map.of(key, counted)));
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.loadUsage()).containsExactly(Map.entry(key, new Usage(0, 2, 3, 4, 5, 6, 0, 0, 0, 7)));
      s.saveCounters(new UsageMeter(Map.of(key, new Usage(0, 20, 30, 40, 50, 60, 0, 0, 0, 70))));
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.loadUsage()).containsExactly(Map.entry(key, new Usage(0, 20, 30, 40, 50, 60, 0, 0, 0, 70)));
    }
  }

  @Test
  void counters_addToTheUsageOfTheResponsesOfTheSameRoleAndStage() {
    UsageMeter.Key key = new UsageMeter.Key("generator", "gen");
    try (StateStore s = new StateStore(db())) {
      s.put("a", entry("generator", "gen", reply("a", new TokenUsage(10, 5, false)), 0.5, 0));
      s.saveCounters(new UsageMeter(Map.of(key, new Usage(0, 1, 2, 0, 0, 0, 0, 0, 0, 0))));
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.loadUsage()).containsExactly(Map.entry(key, new Usage(1, 1, 2, 0, 0, 0, 10, 5, 0.5, 0)));
    }
  }

  @Test
  void facts_methodValues_andRetrievals_areSeparateNamespaces_andAWriteReplaces() {
    try (StateStore s = new StateStore(db())) {
      s.fact("k", "fact-1");
      s.fact("k", "fact-2");
      s.methodValue("k", "method");
      s.retrievalCache().put("k", "{\"page\": 1}");
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.fact("k")).contains("fact-2");
      assertThat(s.methodValue("k")).contains("method");
      RetrievalCache retrievals = s.retrievalCache();
      assertThat(retrievals.get("k")).contains("{\"page\": 1}");
      assertThat(s.fact("other")).isEmpty();
      assertThat(s.methodValue("other")).isEmpty();
      assertThat(retrievals.get("other")).isEmpty();
      assertThat(s.batchJournal().get("k")).as("the batch journal is a namespace of its own").isEmpty();
    }
  }

  @Test
  void batchJournal_storesEveryEntry_andReplacesAnEntryWrittenAgain() {
    try (StateStore s = new StateStore(db())) {
      BatchJournal journal = s.batchJournal();
      journal.putAll(Map.of("req-1", "batch-a", "req-2", "batch-a"));
      journal.putAll(Map.of("req-2", "batch-b"));
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.batchJournal().get("req-1")).contains("batch-a");
      assertThat(s.batchJournal().get("req-2")).contains("batch-b");
      assertThat(s.batchJournal().get("req-3")).isEmpty();
      assertThat(s.fact("req-1")).isEmpty();
    }
  }

  @Test
  void vectors_comeBackBitForBit_unknownKeysAreAbsent_andAPutReplaces() {
    float[] a = {1.5f, -0.25f, Float.MIN_VALUE, 3e7f};
    try (StateStore s = new StateStore(db())) {
      VectorStore v = s.vectorStore();
      v.putAll(Map.of("a", a, "b", new float[] {9f}));
      v.putAll(Map.of("b", new float[] {2f, 4f}));
    }
    try (StateStore s = new StateStore(db())) {
      Map<String, float[]> got = s.vectorStore().getAll(List.of("a", "b", "missing"));
      assertThat(got).containsOnlyKeys("a", "b");
      assertThat(got.get("a")).containsExactly(a);
      assertThat(got.get("b")).containsExactly(2f, 4f);
      assertThat(s.vectorStore().getAll(List.of())).isEmpty();
    }
  }

  @Test
  void aFailedTransaction_isRolledBack_andLaterWritesAreCommittedAgain() {
    Map<String, float[]> vectors = new LinkedHashMap<>();
    vectors.put("good", new float[] {1f});
    vectors.put("bad", nullVector());
    try (StateStore s = new StateStore(db())) {
      assertThatThrownBy(() -> s.vectorStore().putAll(vectors)).isInstanceOf(NullPointerException.class);
      s.fact("after", "yes");
      s.vectorStore().putAll(Map.of("later", new float[] {2f}));
    }
    try (StateStore s = new StateStore(db())) {
      assertThat(s.vectorStore().getAll(List.of("good", "later"))).containsOnlyKeys("later");
      assertThat(s.fact("after")).contains("yes");
    }
  }

  @SuppressWarnings("NullAway") // a vector the encoder cannot write, to fail a transaction half way
  private static float[] nullVector() {
    return null;
  }

  @Test
  void anUnreadableResponse_failsWithTheFileNamed_andEveryLaterCallReportsTheSameFailure() throws SQLException {
    try (StateStore s = new StateStore(db())) {
      s.put("k", entry("generator", "gen", reply("x", TokenUsage.ZERO), 0, 0));
    }
    sql(db(), "UPDATE responses SET response = 'not json {'");
    try (StateStore s = new StateStore(db())) {
      RunStorageException e = (RunStorageException) org.assertj.core.api.Assertions.catchThrowable(() -> s.get("k"));
      assertThat(e).isNotNull();
      assertThat(e.getMessage()).startsWith("cannot read the response cache (" + db() + "): ")
          .endsWith("; fix the cause and run the same command, which resumes where this session stopped");
      assertThatThrownBy(() -> s.fact("anything")).isSameAs(e);
      assertThatThrownBy(() -> s.fact("anything", "v")).isSameAs(e);
      assertThatThrownBy(s::responseCount).isSameAs(e);
    }
  }

  @Test
  void aFileThatIsNotADatabase_isRefusedOnOpen_withAdviceToRebuildTheState() throws Exception {
    Files.writeString(db(), "this is not a database, just text that is long enough to have a header. ".repeat(20));
    assertThatThrownBy(() -> new StateStore(db())).isInstanceOf(RunStorageException.class)
        .hasMessageStartingWith("cannot open the run state (" + db() + "): ")
        .hasMessageContaining("--rebuild-state");
    assertThat(StateStore.responseCount(db())).as("unreadable: counted as holding work").isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void responseCountOfAFile_isZeroWhenAbsentOrWithoutResponses() throws SQLException {
    assertThat(StateStore.responseCount(dir.resolve("none.db"))).isZero();
    Path other = dir.resolve("other.db");
    sql(other, "CREATE TABLE t (x INTEGER)");
    assertThat(StateStore.responseCount(other)).isZero();
    try (StateStore s = new StateStore(db())) {
      assertThat(s.responseCount()).isZero();
      s.put("a", entry("r", "s", reply("a", TokenUsage.ZERO), 0, 0));
      s.put("b", entry("r", "s", reply("b", TokenUsage.ZERO), 0, 0));
    }
    assertThat(StateStore.responseCount(db())).isEqualTo(2);
  }

  @Test
  void aStateFileFromBeforePromptCaching_getsTheCacheColumns_withZeroForItsOldResponses() throws SQLException {
    sql(db(), "CREATE TABLE responses (key TEXT PRIMARY KEY, role TEXT NOT NULL, stage TEXT NOT NULL,"
        + " call_key TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
        + " cost_usd REAL NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL)",
        "INSERT INTO responses VALUES ('old', 'generator', 'gen', 'c', 40, 8, 0.5,"
            + " '" + io.synthkit.json.Json.write(reply("hi", new TokenUsage(40, 8, false))) + "', 0)");
    try (StateStore s = new StateStore(db())) {
      assertThat(s.get("old")).contains(reply("hi", new TokenUsage(40, 8, false)));
      assertThat(s.loadUsage()).containsExactly(Map.entry(new UsageMeter.Key("generator", "gen"),
          new Usage(1, 0, 0, 0, 0, 0, 40, 8, 0.5, 0, 0, 0, 0)));
      s.put("new", entry("generator", "gen", reply("n", new TokenUsage(10, 2, 0, false, 6, 1)), 0.25, 0.125));
      assertThat(s.loadUsage().get(new UsageMeter.Key("generator", "gen")))
          .isEqualTo(new Usage(2, 0, 0, 0, 0, 0, 50, 10, 0.75, 0, 6, 1, 0.125));
    }
    try (StateStore s = new StateStore(db())) { // a second open finds the columns and adds none
      assertThat(s.responseCount()).isEqualTo(2);
    }
  }
}
