package io.synthkit.run;

import io.synthkit.embed.VectorStore;
import io.synthkit.json.Json;
import io.synthkit.llm.ChatResult;
import io.synthkit.llm.ResponseCache;
import io.synthkit.llm.UsageMeter;
import io.synthkit.spi.RetrieverProvider.RetrievalCache;
import io.synthkit.spi.RunStorageException;
import io.synthkit.spi.Usage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A run's durable state in SQLite ({@code state.db}): every model response (the response cache that makes resume
 * free), the usage counters, and small key/value facts (config fingerprint, wall time, simulated flag).
 *
 * <p>WAL journal with {@code synchronous=NORMAL}: a committed row survives a killed process, which is the failure
 * synthkit promises to survive (power loss may lose the last transactions; they are then simply asked again).
 * Token and cost totals are recomputed from the cached responses on open, so they are exact even after {@code kill -9}.
 *
 * <p>Thread-safe: one connection, serialised by a lock (SQLite has a single writer anyway).
 */
final class StateStore implements ResponseCache, AutoCloseable {

  private final Path file;
  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable RunStorageException broken; // guarded by lock
  private final PreparedStatement get;
  private final PreparedStatement put;

  StateStore(Path file) {
    this.file = file;
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, role TEXT NOT NULL, stage TEXT NOT NULL,"
            + " call_key TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
            + " cost_usd REAL NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL)");
        addCacheColumns(s);
        s.execute("CREATE TABLE IF NOT EXISTS counters (role TEXT NOT NULL, stage TEXT NOT NULL, name TEXT NOT NULL,"
            + " value INTEGER NOT NULL, PRIMARY KEY (role, stage, name))");
        s.execute("CREATE TABLE IF NOT EXISTS kv (ns TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL,"
            + " PRIMARY KEY (ns, k))");
        s.execute("CREATE TABLE IF NOT EXISTS vectors (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
      }
      get = db.prepareStatement("SELECT response FROM responses WHERE key = ?");
      put = db.prepareStatement("INSERT OR IGNORE INTO responses (key, role, stage, call_key, prompt_tokens,"
          + " completion_tokens, cost_usd, response, created_ms, cached_tokens, cache_write_tokens, cached_cost_usd)"
          + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    } catch (SQLException e) {
      throw StorageFailure.of("open the run state", file, e);
    }
  }

  /** Provider prompt-cache columns, added to a state file written before synthkit counted them (zero there). */
  private static void addCacheColumns(Statement s) throws SQLException {
    java.util.Set<String> have = new java.util.HashSet<>();
    try (ResultSet rs = s.executeQuery("PRAGMA table_info(responses)")) {
      while (rs.next()) {
        have.add(rs.getString("name"));
      }
    }
    for (String column : java.util.List.of("cached_tokens INTEGER", "cache_write_tokens INTEGER",
        "cached_cost_usd REAL")) {
      if (!have.contains(column.substring(0, column.indexOf(' ')))) {
        s.execute("ALTER TABLE responses ADD COLUMN " + column + " NOT NULL DEFAULT 0");
      }
    }
  }

  /** One piece of work on the connection, under the lock. */
  @FunctionalInterface
  private interface Sql<T extends @Nullable Object> {
    T run(Connection db) throws SQLException, IOException;
  }

  private <T extends @Nullable Object> T locked(String what, Sql<T> work) {
    lock.lock();
    try {
      if (broken != null) {
        throw broken; // after a failed write the connection's statements are unusable; keep reporting the cause
      }
      return work.run(db);
    } catch (SQLException | IOException e) {
      broken = StorageFailure.of(what, file, e);
      throw broken;
    } finally {
      lock.unlock();
    }
  }

  private void transaction(String what, Sql<@Nullable Void> work) {
    locked(what, c -> {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return null;
    });
  }

  @Override
  public Optional<ChatResult> get(String key) {
    return locked("read the response cache", c -> {
      get.setString(1, key);
      try (ResultSet rs = get.executeQuery()) {
        return rs.next() ? Optional.of(Json.LENIENT.readValue(rs.getString(1), ChatResult.class)) : Optional.empty();
      }
    });
  }

  @Override
  public void put(String key, Entry e) {
    locked("write the response cache", c -> {
      put.setString(1, key);
      put.setString(2, e.role());
      put.setString(3, e.stage());
      put.setString(4, e.callKey());
      put.setLong(5, e.result().usage().prompt());
      put.setLong(6, e.result().usage().completion());
      put.setDouble(7, e.charge().total());
      put.setString(8, Json.write(e.result()));
      put.setLong(9, System.currentTimeMillis());
      put.setLong(10, e.result().usage().cached());
      put.setLong(11, e.result().usage().cacheWrite());
      put.setDouble(12, e.charge().cached());
      return put.executeUpdate();
    });
  }

  /** Usage per (role, stage) from earlier sessions: tokens and cost from the responses, the rest from counters. */
  Map<UsageMeter.Key, Usage> loadUsage() {
    return locked("read usage", c -> {
      Map<UsageMeter.Key, Usage> out = new HashMap<>();
      try (Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT role, stage, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
            + " SUM(cost_usd), SUM(cached_tokens), SUM(cache_write_tokens), SUM(cached_cost_usd) FROM responses"
            + " GROUP BY role, stage")) {
          while (rs.next()) {
            out.merge(new UsageMeter.Key(rs.getString(1), rs.getString(2)),
                new Usage(rs.getLong(3), 0, 0, 0, 0, 0, rs.getLong(4), rs.getLong(5), rs.getDouble(6), 0,
                    rs.getLong(7), rs.getLong(8), rs.getDouble(9)), Usage::plus);
          }
        }
        try (ResultSet rs = s.executeQuery("SELECT role, stage, name, value FROM counters")) {
          while (rs.next()) {
            out.merge(new UsageMeter.Key(rs.getString(1), rs.getString(2)), counter(rs.getString(3), rs.getLong(4)),
                Usage::plus);
          }
        }
      }
      return out;
    });
  }

  private static Usage counter(String name, long v) {
    return switch (name) {
      case "cache_hits" -> new Usage(0, v, 0, 0, 0, 0, 0, 0, 0, 0);
      case "retries" -> new Usage(0, 0, v, 0, 0, 0, 0, 0, 0, 0);
      case "failures" -> new Usage(0, 0, 0, v, 0, 0, 0, 0, 0, 0);
      case "invalid_replies" -> new Usage(0, 0, 0, 0, v, 0, 0, 0, 0, 0);
      case "repairs" -> new Usage(0, 0, 0, 0, 0, v, 0, 0, 0, 0);
      case "reasoning_tokens" -> new Usage(0, 0, 0, 0, 0, 0, 0, 0, 0, v);
      default -> Usage.ZERO;
    };
  }

  /** Stores the meter's counters but tokens and cost, which are derived from the responses (reasoning tokens are not). */
  void saveCounters(UsageMeter meter) {
    transaction("save usage counters", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO counters VALUES (?,?,?,?) ON CONFLICT(role, stage,"
          + " name) DO UPDATE SET value = excluded.value")) {
        for (Map.Entry<UsageMeter.Key, Usage> e : meter.rows().entrySet()) {
          Usage u = e.getValue();
          long[] values = {u.cacheHits(), u.retries(), u.failures(), u.invalidReplies(), u.repairs(),
              u.reasoningTokens()};
          String[] names = {"cache_hits", "retries", "failures", "invalid_replies", "repairs", "reasoning_tokens"};
          for (int i = 0; i < names.length; i++) {
            ps.setString(1, e.getKey().role());
            ps.setString(2, e.getKey().stage());
            ps.setString(3, names[i]);
            ps.setLong(4, values[i]);
            ps.addBatch();
          }
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  Optional<String> fact(String key) {
    return kv("facts", key);
  }

  void fact(String key, String value) {
    kv("facts", key, value);
  }

  /** A value a method stored with {@link io.synthkit.spi.RunContext#remember}. */
  Optional<String> methodValue(String key) {
    return kv("method", key);
  }

  void methodValue(String key, String value) {
    kv("method", key, value);
  }

  /**
   * Returns a persistent cache for retrieval results (Wikipedia pages, searches), so a resumed run asks the API
   * nothing it asked before.
   */
  RetrievalCache retrievalCache() {
    return new RetrievalCache() {
      @Override
      public Optional<String> get(String key) {
        return kv("retrieval", key);
      }

      @Override
      public void put(String key, String json) {
        kv("retrieval", key, json);
      }
    };
  }

  /**
   * Returns the journal of the run's batch jobs (which batch holds which request, and its state), so a rerun adopts a
   * batch an earlier session submitted instead of submitting it again.
   */
  io.synthkit.llm.BatchJournal batchJournal() {
    return new io.synthkit.llm.BatchJournal() {
      @Override
      public Optional<String> get(String key) {
        return kv("batch", key);
      }

      @Override
      public void putAll(Map<String, String> entries) {
        transaction("journal a batch job", c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES ('batch', ?, ?) ON CONFLICT(ns, k)"
              + " DO UPDATE SET v = excluded.v")) {
            for (var e : entries.entrySet()) {
              ps.setString(1, e.getKey());
              ps.setString(2, e.getValue());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
      }
    };
  }

  /** Returns a persistent store for embeddings, so a resumed run embeds nothing twice. */
  VectorStore vectorStore() {
    return new VectorStore() {
      @Override
      public Map<String, float[]> getAll(Collection<String> keys) {
        return locked("read cached vectors", c -> {
          Map<String, float[]> out = new HashMap<>();
          try (PreparedStatement ps = c.prepareStatement("SELECT v FROM vectors WHERE k = ?")) {
            for (String k : keys) {
              ps.setString(1, k);
              try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                  out.put(k, floats(rs.getBytes(1)));
                }
              }
            }
          }
          return out;
        });
      }

      @Override
      public void putAll(Map<String, float[]> vectors) {
        transaction("store vectors", c -> {
          try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO vectors VALUES (?, ?)")) {
            for (var e : vectors.entrySet()) {
              ps.setString(1, e.getKey());
              ps.setBytes(2, bytes(e.getValue()));
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
      }
    };
  }

  private static float[] floats(byte[] raw) {
    FloatBuffer fb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    float[] v = new float[fb.remaining()];
    fb.get(v);
    return v;
  }

  private static byte[] bytes(float[] v) {
    ByteBuffer bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bb.asFloatBuffer().put(v);
    return bb.array();
  }

  /** Small keyed values: run facts, values methods remember, retrieval results; {@code ns} says which. */
  private Optional<String> kv(String ns, String key) {
    return locked("read run state", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE ns = ? AND k = ?")) {
        ps.setString(1, ns);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  private void kv(String ns, String key, String value) {
    locked("write run state", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT(ns, k) DO UPDATE"
          + " SET v = excluded.v")) {
        ps.setString(1, ns);
        ps.setString(2, key);
        ps.setString(3, value);
        return ps.executeUpdate();
      }
    });
  }

  /**
   * Counts the model responses a run directory's state holds, without opening it for the run (for deciding whether
   * an earlier attempt did any paid work).
   *
   * @param file the state database
   * @return the count, 0 when the file does not exist or has no responses table
   */
  static long responseCount(Path file) {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM responses")) {
      return rs.next() ? rs.getLong(1) : 0L;
    } catch (SQLException e) {
      // unreadable or without the table: not proof of an empty run, so count it as holding work
      return e.getMessage() != null && e.getMessage().contains("no such table") ? 0 : Long.MAX_VALUE;
    }
  }

  long responseCount() {
    return locked("count responses", c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM responses")) {
        return rs.next() ? rs.getLong(1) : 0L;
      }
    });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      get.close();
      put.close();
      db.close();
    } catch (SQLException e) {
      if (broken == null) { // a failure already reported is not news; a new one at close is
        throw StorageFailure.of("close the run state", file, e);
      }
    } finally {
      lock.unlock();
    }
  }
}
