package io.synthkit.run;

import io.synthkit.SynthkitException;
import io.synthkit.json.Json;
import io.synthkit.llm.ChatResult;
import io.synthkit.llm.ResponseCache;
import io.synthkit.llm.Usage;
import io.synthkit.llm.UsageMeter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

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

  private final Connection db;
  private final ReentrantLock lock = new ReentrantLock();
  private final PreparedStatement get;
  private final PreparedStatement put;

  StateStore(Path file) {
    try {
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS facts (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS responses (key TEXT PRIMARY KEY, role TEXT NOT NULL, stage TEXT NOT NULL,"
            + " call_key TEXT NOT NULL, prompt_tokens INTEGER NOT NULL, completion_tokens INTEGER NOT NULL,"
            + " cost_usd REAL NOT NULL, response TEXT NOT NULL, created_ms INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS counters (role TEXT NOT NULL, stage TEXT NOT NULL, name TEXT NOT NULL,"
            + " value INTEGER NOT NULL, PRIMARY KEY (role, stage, name))");
        s.execute("CREATE TABLE IF NOT EXISTS kv (ns TEXT NOT NULL, k TEXT NOT NULL, v TEXT NOT NULL,"
            + " PRIMARY KEY (ns, k))");
        s.execute("CREATE TABLE IF NOT EXISTS vectors (k TEXT PRIMARY KEY, v BLOB NOT NULL)");
      }
      get = db.prepareStatement("SELECT response FROM responses WHERE key = ?");
      put = db.prepareStatement("INSERT OR IGNORE INTO responses VALUES (?,?,?,?,?,?,?,?,?)");
    } catch (SQLException e) {
      throw new SynthkitException("cannot open the run state " + file + ": " + e.getMessage(),
          SynthkitException.EXIT_INTERNAL, e);
    }
  }

  @Override
  public Optional<ChatResult> get(String key) {
    lock.lock();
    try {
      get.setString(1, key);
      try (ResultSet rs = get.executeQuery()) {
        return rs.next() ? Optional.of(Json.LENIENT.readValue(rs.getString(1), ChatResult.class)) : Optional.empty();
      }
    } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot read the response cache", e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void put(String key, Entry e) {
    lock.lock();
    try {
      put.setString(1, key);
      put.setString(2, e.role());
      put.setString(3, e.stage());
      put.setString(4, e.callKey());
      put.setLong(5, e.result().usage().prompt());
      put.setLong(6, e.result().usage().completion());
      put.setDouble(7, e.costUsd());
      put.setString(8, Json.write(e.result()));
      put.setLong(9, System.currentTimeMillis());
      put.executeUpdate();
    } catch (SQLException ex) {
      throw new IllegalStateException("cannot write the response cache", ex);
    } finally {
      lock.unlock();
    }
  }

  /** Usage per (role, stage) from earlier sessions: tokens and cost from the responses, the rest from counters. */
  Map<UsageMeter.Key, Usage> loadUsage() {
    Map<UsageMeter.Key, Usage> out = new HashMap<>();
    lock.lock();
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT role, stage, COUNT(*), SUM(prompt_tokens), SUM(completion_tokens),"
          + " SUM(cost_usd) FROM responses GROUP BY role, stage")) {
        while (rs.next()) {
          out.merge(new UsageMeter.Key(rs.getString(1), rs.getString(2)),
              new Usage(rs.getLong(3), 0, 0, 0, 0, 0, rs.getLong(4), rs.getLong(5), rs.getDouble(6)), Usage::plus);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT role, stage, name, value FROM counters")) {
        while (rs.next()) {
          long v = rs.getLong(4);
          Usage u = switch (rs.getString(3)) {
            case "cache_hits" -> new Usage(0, v, 0, 0, 0, 0, 0, 0, 0);
            case "retries" -> new Usage(0, 0, v, 0, 0, 0, 0, 0, 0);
            case "failures" -> new Usage(0, 0, 0, v, 0, 0, 0, 0, 0);
            case "invalid_replies" -> new Usage(0, 0, 0, 0, v, 0, 0, 0, 0);
            case "repairs" -> new Usage(0, 0, 0, 0, 0, v, 0, 0, 0);
            default -> Usage.ZERO;
          };
          out.merge(new UsageMeter.Key(rs.getString(1), rs.getString(2)), u, Usage::plus);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read usage", e);
    } finally {
      lock.unlock();
    }
    return out;
  }

  /** Stores the meter's non-token counters (tokens and cost are derived from the responses). */
  void saveCounters(UsageMeter meter) {
    lock.lock();
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO counters VALUES (?,?,?,?) ON CONFLICT(role, stage,"
        + " name) DO UPDATE SET value = excluded.value")) {
      db.setAutoCommit(false);
      for (Map.Entry<UsageMeter.Key, Usage> e : meter.rows().entrySet()) {
        Usage u = e.getValue();
        long[] values = {u.cacheHits(), u.retries(), u.failures(), u.invalidReplies(), u.repairs()};
        String[] names = {"cache_hits", "retries", "failures", "invalid_replies", "repairs"};
        for (int i = 0; i < names.length; i++) {
          ps.setString(1, e.getKey().role());
          ps.setString(2, e.getKey().stage());
          ps.setString(3, names[i]);
          ps.setLong(4, values[i]);
          ps.addBatch();
        }
      }
      ps.executeBatch();
      db.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot save usage counters", e);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable anyway; the next statement reports it
      }
      lock.unlock();
    }
  }

  Optional<String> fact(String key) {
    lock.lock();
    try (PreparedStatement ps = db.prepareStatement("SELECT v FROM facts WHERE k = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read run state", e);
    } finally {
      lock.unlock();
    }
  }

  void fact(String key, String value) {
    lock.lock();
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO facts VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET"
        + " v = excluded.v")) {
      ps.setString(1, key);
      ps.setString(2, value);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write run state", e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a persistent cache for retrieval results (Wikipedia pages, searches), so a resumed run asks the API
   * nothing it asked before.
   */
  io.synthkit.retrieval.RetrievalCache retrievalCache() {
    return new io.synthkit.retrieval.RetrievalCache() {
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

  /** Returns a persistent store for embeddings, so a resumed run embeds nothing twice. */
  io.synthkit.embed.VectorStore vectorStore() {
    return new io.synthkit.embed.VectorStore() {
      @Override
      public java.util.Map<String, float[]> getAll(java.util.Collection<String> keys) {
        java.util.Map<String, float[]> out = new HashMap<>();
        lock.lock();
        try (PreparedStatement ps = db.prepareStatement("SELECT v FROM vectors WHERE k = ?")) {
          for (String k : keys) {
            ps.setString(1, k);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                java.nio.FloatBuffer fb = java.nio.ByteBuffer.wrap(rs.getBytes(1))
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
                float[] v = new float[fb.remaining()];
                fb.get(v);
                out.put(k, v);
              }
            }
          }
        } catch (SQLException e) {
          throw new IllegalStateException("cannot read cached vectors", e);
        } finally {
          lock.unlock();
        }
        return out;
      }

      @Override
      public void putAll(java.util.Map<String, float[]> vectors) {
        lock.lock();
        try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO vectors VALUES (?, ?)")) {
          db.setAutoCommit(false);
          for (var e : vectors.entrySet()) {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(e.getValue().length * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(e.getValue());
            ps.setString(1, e.getKey());
            ps.setBytes(2, bb.array());
            ps.addBatch();
          }
          ps.executeBatch();
          db.commit();
        } catch (SQLException e) {
          throw new IllegalStateException("cannot store vectors", e);
        } finally {
          try {
            db.setAutoCommit(true);
          } catch (SQLException ignored) {
            // the next statement reports a broken connection
          }
          lock.unlock();
        }
      }
    };
  }

  Optional<String> kv(String ns, String key) {
    lock.lock();
    try (PreparedStatement ps = db.prepareStatement("SELECT v FROM kv WHERE ns = ? AND k = ?")) {
      ps.setString(1, ns);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read run state", e);
    } finally {
      lock.unlock();
    }
  }

  void kv(String ns, String key, String value) {
    lock.lock();
    try (PreparedStatement ps = db.prepareStatement("INSERT INTO kv VALUES (?, ?, ?) ON CONFLICT(ns, k) DO UPDATE"
        + " SET v = excluded.v")) {
      ps.setString(1, ns);
      ps.setString(2, key);
      ps.setString(3, value);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot write run state", e);
    } finally {
      lock.unlock();
    }
  }

  long responseCount() {
    lock.lock();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM responses")) {
      return rs.next() ? rs.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      get.close();
      put.close();
      db.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the run state", e);
    } finally {
      lock.unlock();
    }
  }
}
