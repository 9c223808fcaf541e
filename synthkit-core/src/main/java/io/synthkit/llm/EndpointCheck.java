package io.synthkit.llm;

import io.synthkit.http.HttpTransport;
import io.synthkit.http.Request;
import io.synthkit.secret.Secrets;
import io.synthkit.spi.EndpointException;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Checks the configured model endpoints before a run starts, so a mistake costs a second, not a run directory and a
 * minute of retries: a role on OpenAI's or Anthropic's own API without a key fails naming the variable to set, and
 * each distinct server gets one cheap request ({@code GET …/models}) whose only question is whether anything answers.
 * Every server of a role with {@code base_urls} is checked. Any HTTP status counts as an answer (servers differ on
 * that route and on keys for it); connection refused, an unknown host or a connect timeout is an
 * {@link EndpointException} (exit 3) naming the URL and the key that set it. The key is not sent with the check. Simulated roles are skipped: their server is started by the run.
 */
public final class EndpointCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private EndpointCheck() {}

  /**
   * Checks every role's key and server.
   *
   * @param models the {@code models:} section (roles over {@code default})
   * @throws SynthkitException (exit 2) naming the missing key's variable
   * @throws EndpointException (exit 3) naming the server where nothing answers
   */
  public static void check(Map<String, ModelConfig> models) {
    ModelConfig base = models.get(Gateway.DEFAULT_ROLE);
    if (base == null) {
      return; // the gateway says what is missing
    }
    Map<URI, String> servers = new LinkedHashMap<>();
    for (String role : models.keySet()) {
      ModelConfig c = role.equals(Gateway.DEFAULT_ROLE) ? base : models.get(role).over(base);
      String where = "models." + role;
      if (c.provider() == null || c.provider() == ProviderKind.SIMULATED) {
        continue;
      }
      boolean noKey = c.apiKey() == null || c.apiKey().isBlank();
      List<@Nullable String> urls = c.endpointUrls();
      for (int i = 0; i < urls.size(); i++) {
        String url = urls.get(i);
        boolean ownApi = url == null || url.isBlank();
        if (noKey && c.provider() == ProviderKind.OPENAI && (ownApi || url.contains("api.openai.com"))) {
          throw SynthkitException.input(where + ": provider openai at " + OpenAiAdapter.DEFAULT_BASE + " needs an API"
              + " key: set OPENAI_API_KEY (or api_key: ${OPENAI_API_KEY} in the config), or set base_url to a server"
              + " that takes none");
        }
        if (noKey && c.provider() == ProviderKind.ANTHROPIC && (ownApi || url.contains("api.anthropic.com"))) {
          throw SynthkitException.input(where + ": provider anthropic needs an API key: set ANTHROPIC_API_KEY (or"
              + " api_key: ${ANTHROPIC_API_KEY} in the config)");
        }
        String key = url == null ? ".provider" : c.baseUrls() == null ? ".base_url" : ".base_urls[" + i + "]";
        servers.putIfAbsent(modelsUri(c.provider(), url), where + key);
      }
    }
    if (servers.isEmpty()) {
      return;
    }
    try (HttpTransport http = new HttpTransport()) {
      servers.forEach((uri, key) -> reach(http, uri, key));
    }
  }

  private static URI modelsUri(@Nullable ProviderKind provider, @Nullable String url) {
    if (provider == ProviderKind.ANTHROPIC) {
      String b = url == null || url.isBlank() ? AnthropicAdapter.DEFAULT_BASE : url.strip();
      return URI.create(OpenAiAdapter.stripSlash(Objects.requireNonNull(Secrets.withoutUserInfo(b), b)) + "/v1/models");
    }
    String b = url == null || url.isBlank() ? OpenAiAdapter.DEFAULT_BASE : url.strip();
    // Without user-info: java.net.http refuses it in a URI, and a server answers GET /models without credentials.
    return URI.create(OpenAiAdapter.stripSlash(Objects.requireNonNull(Secrets.withoutUserInfo(b), b)) + "/models");
  }

  private static void reach(HttpTransport http, URI uri, String key) {
    String server = uri.toString().replaceFirst("(/v1)?/models$", "$1");
    try {
      http.send(Request.get(uri, Map.of(), TIMEOUT));
    } catch (HttpConnectTimeoutException e) {
      throw unreachable(server, key, "no connection within " + TIMEOUT.toSeconds() + " s");
    } catch (HttpTimeoutException e) {
      // Connected but slow to answer this route: the server is there; the run's own timeouts take it from here.
    } catch (java.net.ConnectException e) {
      throw unreachable(server, key, "connection refused");
    } catch (java.net.UnknownHostException e) {
      throw unreachable(server, key, "unknown host " + uri.getHost());
    } catch (IOException e) {
      throw unreachable(server, key, e.getMessage() == null || e.getMessage().isBlank()
          ? e.getClass().getSimpleName().replace("Exception", "").toLowerCase(java.util.Locale.ROOT)
          : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.util.concurrent.CancellationException("interrupted while checking " + server);
    }
  }

  private static EndpointException unreachable(String server, String key, String why) {
    return new EndpointException("nothing answers at " + server + " (" + why + "); check " + key
        + " and that the server is running. Nothing was started.", 0);
  }
}
