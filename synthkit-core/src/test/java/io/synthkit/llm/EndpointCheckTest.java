package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.http.StubServer;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.SynthkitException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The check before a run starts: a key where the public APIs need one, and a server at every URL. */
class EndpointCheckTest {

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void thePublicApis_needAKey_namedWithTheRole() {
    ModelConfig openAi = ModelConfig.openAi(null, "gpt-4o").build();
    assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", openAi))).isInstanceOf(SynthkitException.class)
        .hasMessage("models.default: provider openai at https://api.openai.com/v1 needs an API key: set OPENAI_API_KEY"
            + " (or api_key: ${OPENAI_API_KEY} in the config), or set base_url to a server that takes none");
    ModelConfig openAiUrl = ModelConfig.openAi("https://api.openai.com/v1", "gpt-4o").apiKey(" ").build();
    assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", openAiUrl)))
        .hasMessageStartingWith("models.default: provider openai at");
    Map<String, ModelConfig> roles = new LinkedHashMap<>();
    roles.put("default", ModelConfig.simulated().build());
    roles.put("judge", new ModelConfig(ProviderKind.ANTHROPIC, null, null, "claude-x", null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
    assertThatThrownBy(() -> EndpointCheck.check(roles))
        .hasMessage("models.judge: provider anthropic needs an API key: set ANTHROPIC_API_KEY (or api_key:"
            + " ${ANTHROPIC_API_KEY} in the config)");
    ModelConfig anthropicUrl = new ModelConfig(ProviderKind.ANTHROPIC, "https://api.anthropic.com", null, "claude-x",
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null);
    assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", anthropicUrl)))
        .hasMessageStartingWith("models.default: provider anthropic needs an API key");
  }

  @Test
  void nothingToReach_isFine() {
    EndpointCheck.check(Map.of());
    EndpointCheck.check(Map.of("judge", ModelConfig.openAi(null, "gpt-4o").build()));
    EndpointCheck.check(Map.of("default", ModelConfig.simulated().build()));
    EndpointCheck.check(Map.of("default", ModelConfig.EMPTY));
  }

  @Test
  void aServerThatAnswers_passes_andIsAskedForItsModels() {
    try (StubServer openAi = StubServer.start(req -> StubServer.Reply.json(404, "{}"));
        StubServer anthropic = StubServer.start(req -> StubServer.Reply.json(200, "{\"data\": []}"))) {
      Map<String, ModelConfig> roles = new LinkedHashMap<>();
      roles.put("default", ModelConfig.openAi(openAi.url() + "/v1/", "m").build());
      roles.put("judge", ModelConfig.anthropic("claude-x", "sk-ant-key").baseUrl(anthropic.url()).build());
      roles.put("again", ModelConfig.openAi(openAi.url() + "/v1", "m").build());
      EndpointCheck.check(roles);
      assertThat(openAi.requests()).singleElement().satisfies(r -> {
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).as("one check per server").isEqualTo("/v1/models");
      });
      assertThat(anthropic.requests()).singleElement().satisfies(r -> assertThat(r.path()).isEqualTo("/v1/models"));
    }
  }

  @Test
  void aServerWhereNothingAnswers_isNamedWithItsConfigKey() throws Exception {
    int port = closedPort();
    ModelConfig openAi = ModelConfig.openAi("http://127.0.0.1:" + port + "/v1", "m").build();
    assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", openAi))).isInstanceOf(EndpointException.class)
        .hasMessage("nothing answers at http://127.0.0.1:" + port + "/v1 (connection refused); check"
            + " models.default.base_url and that the server is running. Nothing was started.");
    ModelConfig anthropic = ModelConfig.anthropic("claude-x", "sk-ant-key").baseUrl("http://127.0.0.1:" + port + "/")
        .build();
    assertThatThrownBy(() -> EndpointCheck.check(Map.of("default", anthropic)))
        .hasMessageStartingWith("nothing answers at http://127.0.0.1:" + port + "/v1 (connection refused); check"
            + " models.default.base_url ");
  }
}
