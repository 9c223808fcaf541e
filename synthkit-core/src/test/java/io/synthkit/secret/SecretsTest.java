package io.synthkit.secret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  @Test
  void redact_removesRegisteredSecretsWhereverTheyAppear() {
    Secrets.register("team-token-4455667788");
    assertThat(Secrets.redact("echo: team-token-4455667788, again team-token-4455667788"))
        .isEqualTo("echo: <redacted>, again <redacted>");
  }

  @Test
  void redact_removesKeyShapedTokensAndUrlUserInfo_evenUnregistered() {
    assertThat(Secrets.redact("Incorrect API key provided: sk-proj-AbCdEf0123456789xyz."))
        .isEqualTo("Incorrect API key provided: <redacted>.");
    assertThat(Secrets.redact("Authorization: Bearer abc123def456ghi")).isEqualTo("Authorization: Bearer <redacted>");
    assertThat(Secrets.redact("Authorization: Basic YWxpY2U6c2VjcmV0")).isEqualTo("Authorization: Basic <redacted>");
    assertThat(Secrets.redact("at http://bob:hunter2@example.com:8000/v1 now"))
        .isEqualTo("at http://<redacted>@example.com:8000/v1 now");
  }

  @Test
  void redact_leavesOrdinaryProseAlone() {
    String prose = "A basic understanding of task-based learning; the bearer of news; mail me at a@b.org";
    assertThat(Secrets.redact(prose)).isEqualTo(prose);
  }

  @Test
  void shortValues_areNotRegistered_soWordsSurvive() {
    Secrets.register("abc");
    assertThat(Secrets.redact("abc def")).isEqualTo("abc def");
  }

  @Test
  void registerUrl_learnsUserInfoPasswordAndBasicToken() {
    Secrets.registerUrl("http://carol:pa%24sw0rd-long@host/v1");
    String basic = Secrets.basicToken("carol:pa$sw0rd-long");
    assertThat(Secrets.redact("pa$sw0rd-long and pa%24sw0rd-long and " + basic)).doesNotContain("sw0rd")
        .doesNotContain(basic);
    assertThat(Secrets.withoutUserInfo("http://carol:pa%24sw0rd-long@host:9/v1?x=1")).isEqualTo("http://host:9/v1?x=1");
    assertThat(Secrets.userInfo("http://host/v1")).isNull();
  }
}
