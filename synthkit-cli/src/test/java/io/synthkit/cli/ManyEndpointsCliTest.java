package io.synthkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import io.synthkit.sim.FaultFront;
import io.synthkit.sim.FaultFront.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code base_urls} from the command line, over real HTTP: a run spreads its calls over the servers, goes on when one
 * of them is down, and stops with exit 3 only when all are; the manifest counts each server's calls.
 */
@Timeout(300)
class ManyEndpointsCliTest {

  private static final Path QUICKSTART = Path.of("..", "examples", "quickstart.yaml").toAbsolutePath().normalize();

  @TempDir
  Path dir;

  @RegisterExtension
  final Console console = new Console();

  private static Raw serverError() {
    return Raw.json(500, "{\"error\": {\"message\": \"The server had an error\", \"type\": \"server_error\"}}");
  }

  private int generate(FaultFront a, FaultFront b) {
    List<String> args = new ArrayList<>(List.of("generate", QUICKSTART.toString(), "-q",
        "--set", "output_dir=" + dir, "--set", "report.enabled=false", "--set", "target=12",
        "--set", "models.default.provider=openai", "--set", "models.default.base_url=null",
        "--set", "models.default.base_urls=[" + a.baseUrl() + "," + b.baseUrl() + "]",
        "--set", "models.default.model=gpt-4o-mini", "--set", "models.default.api_key=sk-test",
        "--set", "models.default.max_retries=0"));
    return Main.execute(args.toArray(String[]::new));
  }

  private JsonNode manifest() throws IOException {
    return Json.parse(Files.readString(dir.resolve("quickstart/manifest.json")));
  }

  private static long sum(JsonNode servers, String field) {
    long s = 0;
    for (JsonNode e : servers) {
      s += e.path(field).asLong();
    }
    return s;
  }

  @Test
  void twoHealthyServers_bothAnswer_andTheManifestCountsEach() throws IOException {
    try (FaultFront a = FaultFront.start(r -> null); FaultFront b = FaultFront.start(r -> null)) {
      int exit = generate(a, b);
      assertThat(exit).as(console.out() + console.err()).isZero();
      JsonNode m = manifest();
      assertThat(m.path("accepted").asInt()).isEqualTo(12);
      JsonNode servers = m.path("roles").path("default").path("endpoints");
      assertThat(servers.size()).isEqualTo(2);
      assertThat(servers.get(0).path("url").asText()).isEqualTo(a.baseUrl());
      assertThat(servers.get(1).path("url").asText()).isEqualTo(b.baseUrl());
      assertThat(servers.get(0).path("calls").asLong()).as("first server's calls").isEqualTo(a.requests())
          .isPositive();
      assertThat(servers.get(1).path("calls").asLong()).as("second server's calls").isEqualTo(b.requests())
          .isPositive();
      assertThat(m.path("usage").path("total").path("calls").asLong()).isEqualTo(a.requests() + b.requests());
    }
  }

  @Test
  void oneServerDown_theRunReachesItsTarget_onTheOther() throws IOException {
    try (FaultFront down = FaultFront.start(r -> serverError()); FaultFront up = FaultFront.start(r -> null)) {
      int exit = generate(down, up);
      String said = console.out() + console.err();
      assertThat(exit).as(said).isZero();
      JsonNode m = manifest();
      assertThat(m.path("accepted").asInt()).isEqualTo(12);
      assertThat(m.path("status").asText()).isEqualTo("completed");
      JsonNode servers = m.path("roles").path("default").path("endpoints");
      assertThat(servers.get(0).path("state").asText()).isEqualTo("down");
      assertThat(servers.get(0).path("calls").asLong()).isZero();
      assertThat(servers.get(1).path("calls").asLong()).isEqualTo(up.requests());
      JsonNode total = m.path("usage").path("total");
      // Every request either server saw is in the totals: the dead server's as failed calls.
      assertThat(total.path("calls").asLong() + total.path("retries").asLong() + total.path("failures").asLong())
          .isEqualTo(down.requests() + up.requests());
      assertThat(sum(servers, "failed")).isPositive();
    }
  }

  @Test
  void bothServersDown_stopTheRunWithExit3_namingBoth() throws IOException {
    try (FaultFront a = FaultFront.start(r -> serverError()); FaultFront b = FaultFront.start(r -> serverError())) {
      int exit = generate(a, b);
      String said = console.out() + console.err();
      assertThat(exit).as(said).isEqualTo(3);
      assertThat(said).contains("all 2 servers of gpt-4o-mini are down").contains(a.baseUrl()).contains(b.baseUrl())
          .doesNotContain("sk-test");
      assertThat(manifest().path("status").asText()).isEqualTo("failed");
    }
  }
}
