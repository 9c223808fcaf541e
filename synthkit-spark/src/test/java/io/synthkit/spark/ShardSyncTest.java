package io.synthkit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots and the lease on a real Hadoop file system ({@link LocalTestFileSystem}), without Spark. */
class ShardSyncTest {

  @TempDir
  Path dir;

  SharedFs shared;
  Path local;
  Path shard;
  Path lease;

  @BeforeEach
  void setUp() {
    Configuration conf = new Configuration();
    conf.set("fs." + LocalTestFileSystem.SCHEME + ".impl", LocalTestFileSystem.class.getName());
    shared = SharedFs.of(LocalTestFileSystem.SCHEME + "://" + dir.resolve("shared"), "run", conf);
    local = dir.resolve("local/shard-0");
    shard = dir.resolve("shared/run/shards/shard-0");
    lease = dir.resolve("shared/run/shards/shard-0.lease");
  }

  @Test
  void aSnapshot_holdsWholeLinesAndCommittedRows_only_andReplacesTheOlderOne() throws Exception {
    try (ShardSync sync = ShardSync.open(shared, "shard-0", local, 3600);
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + local.resolve("state.db"));
        Statement s = db.createStatement()) {
      assertThat(lease).as("held while the attempt runs").exists();
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("CREATE TABLE responses (key TEXT PRIMARY KEY)");
      s.execute("INSERT INTO responses VALUES ('a'), ('b')");
      Files.writeString(local.resolve("dataset.jsonl"), "{\"id\":\"1\"}\n{\"id\":");
      db.setAutoCommit(false);
      s.execute("INSERT INTO responses VALUES ('c')"); // not committed: not in the snapshot

      sync.sync();

      Path first = single(snapshots());
      assertThat(Files.readString(first.resolve("dataset.jsonl"))).isEqualTo("{\"id\":\"1\"}\n");
      assertThat(rows(first.resolve("state.db"))).isEqualTo(2);

      db.commit();
      Files.writeString(local.resolve("dataset.jsonl"), "\"2\"}\n", StandardOpenOption.APPEND);
      sync.sync();

      Path second = single(snapshots());
      assertThat(second).isNotEqualTo(first);
      assertThat(Files.readString(second.resolve("dataset.jsonl"))).isEqualTo("{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
      assertThat(rows(second.resolve("state.db"))).isEqualTo(3);
      assertThat(second.resolve(".lock")).doesNotExist();
    }
    assertThat(lease).as("released at the end").doesNotExist();

    Path again = dir.resolve("again/shard-0");
    try (ShardSync resumed = ShardSync.open(shared, "shard-0", again, 3600)) {
      assertThat(Files.readString(again.resolve("dataset.jsonl"))).isEqualTo("{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
      assertThat(rows(again.resolve("state.db"))).isEqualTo(3);
    }
  }

  @Test
  void aDeadAttemptsLease_isTakenOver_andALostLeaseStopsTheSyncs() throws Exception {
    Files.createDirectories(lease.getParent());
    Files.writeString(lease, "dead", StandardCharsets.UTF_8);
    Files.setLastModifiedTime(lease, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() - 3_600_000));

    try (ShardSync sync = ShardSync.open(shared, "shard-0", local, 1)) {
      assertThat(Files.readString(lease)).isNotEqualTo("dead");
      Files.writeString(lease, "other", StandardCharsets.UTF_8); // another attempt took it over

      assertThatThrownBy(sync::sync).isInstanceOf(ShardSync.LeaseLost.class).hasMessageContaining("lost the lease");
      assertThat(snapshots()).isEmpty();
    }
    assertThat(Files.readString(lease)).as("the new holder's lease is left alone").isEqualTo("other");
  }

  private List<Path> snapshots() throws Exception {
    if (!Files.isDirectory(shard)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(shard)) {
      return list.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
    }
  }

  private static Path single(List<Path> snapshots) {
    assertThat(snapshots).hasSize(1);
    assertThat(snapshots.get(0).resolve(ShardSync.DONE)).exists();
    return snapshots.get(0);
  }

  private static long rows(Path db) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM responses")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
