package io.synthkit.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.synthkit.json.Json;
import io.synthkit.sim.Simulator;
import io.synthkit.spi.CallFanOut;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The executor's side of a fan-out, over real HTTP: a call goes to the server the driver named with its role's
 * settings (its own, or the default role's where it has none), and never to a server the config does not list.
 */
class CallRelayTest {

  static ModelConfig role(String url) {
    return GatewayBatchTest.config(ProviderKind.OPENAI, url, false);
  }

  static CallFanOut.Call call(String role, String url, int n) {
    var body = Json.object().put("model", "gpt-test").put("max_tokens", 32);
    body.putArray("messages").addObject().put("role", "user").put("content", "City number " + n);
    return new CallFanOut.Call("kc" + n, role, url, Json.write(body), "relay/" + n);
  }

  @Test
  void aCallGoesToTheNamedServerOfItsRole_amongTheOnesItLists() {
    try (Simulator a = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        Simulator b = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        CallRelay relay = new CallRelay(Map.of("default", role(a.baseUrl()).withBaseUrls(List.of(a.baseUrl(),
            b.baseUrl()))))) {
      CallFanOut.Answer answer = relay.answer(call("default", b.baseUrl(), 3));

      assertThat(answer.error()).isNull();
      assertThat(answer.id()).isEqualTo("kc3");
      assertThat(Json.parse(answer.body()).path("choices").get(0).path("message").path("content").asText())
          .contains("City 3");
      assertThat(answer.simulated()).as("the simulator's header").isTrue();
      assertThat(answer.retries()).isZero();
      assertThat(b.requests()).isEqualTo(1);
      assertThat(a.requests()).isZero();
    }
  }

  @Test
  void aRoleWithoutSettingsOfItsOwn_usesTheDefaultRoles_andAPartialRoleIsLayeredOverIt() {
    try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        CallRelay relay = new CallRelay(Map.of("default", role(sim.baseUrl()),
            "judge", ModelConfig.EMPTY.withModel("judge-model")))) {
      assertThat(relay.answer(call("target", sim.baseUrl(), 1)).error()).isNull();
      assertThat(relay.answer(call("judge", sim.baseUrl(), 2)).error()).isNull();
      assertThat(sim.requests()).isEqualTo(2);
    }
  }

  @Test
  void aSimulatedRoleWithoutAUrl_isTheDriversSimulator_atTheUrlTheCallNames() {
    try (Simulator sim = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        CallRelay relay = new CallRelay(Map.of("default",
            role(sim.baseUrl()).withEndpoint(ProviderKind.SIMULATED, null)))) {
      CallFanOut.Answer answer = relay.answer(call("default", sim.baseUrl(), 5));

      assertThat(answer.error()).isNull();
      assertThat(answer.simulated()).isTrue();
      assertThat(sim.requests()).isEqualTo(1);
    }
  }

  @Test
  void aServerTheRoleDoesNotList_isRefused_andNothingIsSent() {
    try (Simulator listed = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        Simulator other = Simulator.start(null, GatewayBatchTest.BY_PROMPT);
        CallRelay relay = new CallRelay(Map.of("default", role(listed.baseUrl())))) {
      CallFanOut.Answer answer = relay.answer(call("default", other.baseUrl(), 1));
      CallFanOut.Answer providers = relay.answer(call("default", "", 1));

      assertThat(answer.body()).isNull();
      assertThat(answer.error()).contains("models.default", other.baseUrl(), "does not list for that role");
      assertThat(answer.simulated()).isFalse();
      assertThat(providers.error()).contains("the provider's API");
      assertThat(other.requests() + listed.requests()).isZero();
    }
  }

  @Test
  void aRoleMissingFromTheConfig_isAnError_naming() {
    try (CallRelay relay = new CallRelay(Map.of("judge", role("http://127.0.0.1:9/v1")))) {
      assertThat(relay.answer(call("target", "http://127.0.0.1:9/v1", 1)).error())
          .contains("models.target is not in this machine's copy of the config");
    }
  }

  @Test
  void aBodyThatIsNotAnObject_isAnError() {
    try (CallRelay relay = new CallRelay(Map.of("default", role("http://127.0.0.1:9/v1")))) {
      CallFanOut.Answer a = relay.answer(new CallFanOut.Call("kx", "default", "http://127.0.0.1:9/v1", "[1, 2]", "k"));
      assertThat(a.body()).isNull();
      assertThat(a.error()).isNotBlank();
    }
  }
}
