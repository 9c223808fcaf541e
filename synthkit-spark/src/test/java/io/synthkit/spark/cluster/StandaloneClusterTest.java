package io.synthkit.spark.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test cluster itself, on real processes: a standalone master and two worker JVMs run jobs on executors in both
 * workers, and a job survives a {@code kill -9} of one worker (and its executor) while its tasks are running. One
 * cluster serves both tests (starting one takes minutes on a loaded CI machine); the kill comes last.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterTest {

  @TempDir
  static Path dir;

  static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = StandaloneCluster.start(dir, 2);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aJobSubmittedToTheMasterRunsOnExecutorsOfBothWorkers() throws Exception {
    try (JavaSparkContext sc = new JavaSparkContext(cluster.driverConf("cluster-smoke"))) {
      long sum = sc.parallelize(IntStream.rangeClosed(1, 1000).boxed().toList(), 4).map(i -> (long) i)
          .reduce(Long::sum);
      assertThat(sum).isEqualTo(500_500L);
      // Two tasks that each hold until both have started: on one-core executors they can only both start on two
      // different executors, so this returns only if executors of both workers run tasks.
      String marksDir = Files.createDirectories(dir.resolve("smoke-marks")).toString();
      List<Long> parents = sc.parallelize(List.of(0, 1), 2).map(i -> holdUntilBothStarted(marksDir, i)).collect();
      assertThat(Set.copyOf(parents)).as(cluster.diagnostics())
          .containsExactlyInAnyOrder(cluster.workerPid(0), cluster.workerPid(1));
    }
  }

  @Test
  @Order(2)
  void aJobCompletesWhenAWorkerIsKilledWhileItsTaskRuns() throws Exception {
    Path marks = Files.createDirectories(dir.resolve("kill-marks"));
    String marksDir = marks.toString();
    try (JavaSparkContext sc = new JavaSparkContext(cluster.driverConf("cluster-kill"))) {
      // Each task records that it started (partition and worker) and then holds until the test says go, so the kill
      // lands while a task of the doomed worker is certainly running.
      JavaFutureAction<List<Integer>> job = sc.parallelize(IntStream.range(0, 8).boxed().toList(), 8)
          .map(i -> holdUntilGo(marksDir, i)).collectAsync();
      long doomed = cluster.workerPid(0);
      awaitMark(marks, "-" + doomed + "-", job);
      cluster.killWorker(0);
      Files.createFile(marks.resolve("go"));

      List<Integer> squares = job.get(5, TimeUnit.MINUTES);
      assertThat(squares).as(cluster.diagnostics()).containsExactlyElementsOf(
          IntStream.range(0, 8).map(i -> i * i).boxed().toList());
      // The task that was running on the killed worker ran again on the other one.
      Set<String> killedTasks = partitionsStartedOn(marks, doomed);
      assertThat(killedTasks).isNotEmpty();
      assertThat(partitionsStartedOn(marks, cluster.workerPid(1))).containsAll(killedTasks);
      cluster.awaitAliveWorkers(1);
    }
  }

  private static long parentPid() {
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  private static long holdUntilBothStarted(String marksDir, int i) throws IOException, InterruptedException {
    Path marks = Path.of(marksDir);
    Files.createFile(marks.resolve("started-" + i + "-" + parentPid()));
    while (names(marks).count() < 2) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return parentPid();
  }

  private static int holdUntilGo(String marksDir, int i) throws IOException, InterruptedException {
    Path marks = Path.of(marksDir);
    Files.createFile(marks.resolve("started-" + i + "-" + parentPid() + "-" + System.nanoTime()));
    while (!Files.exists(marks.resolve("go"))) {
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return i * i;
  }

  private static void awaitMark(Path marks, String part, JavaFutureAction<?> job) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (names(marks).noneMatch(n -> n.contains(part))) {
      if (job.isDone() || System.nanoTime() > deadline) {
        throw new AssertionError("no task started on the worker to kill\n" + cluster.diagnostics());
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  private static Set<String> partitionsStartedOn(Path marks, long workerPid) {
    return names(marks).filter(n -> n.startsWith("started-") && n.split("-")[2].equals(String.valueOf(workerPid)))
        .map(n -> n.split("-")[1]).collect(Collectors.toSet());
  }

  private static Stream<String> names(Path marks) {
    try (Stream<Path> files = Files.list(marks)) {
      return files.map(p -> p.getFileName().toString()).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
