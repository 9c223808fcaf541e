package io.synthkit.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Where one chat call goes: straight to its endpoint, or (a role with {@code batch: true}) into the endpoint's
 * {@link BatchQueue}, the caller waiting for its own result. A request the batch failed, expired or cancelled is sent
 * again directly and counted as a retry, so every failure is recorded as for direct calls. What comes back from a
 * batch is parsed exactly as a direct reply is, so structured output, repair and caching above this are unchanged.
 */
final class BatchRoute {

  private BatchRoute() {}

  /**
   * A call's answer and the share of the list price it costs.
   *
   * @param sent the answer
   * @param priceFactor 1 for a direct call, the price's batch discount for a batched one
   */
  record Routed(Endpoint.Sent sent, double priceFactor) {}

  static Routed send(Gateway gateway, Endpoint endpoint, ModelConfig config, String role, ChatRequest request,
      ObjectNode body, String key, Endpoint.Observer observer, Consumer<ObjectNode> beforeSend) {
    if (config.batchOrDefault()) {
      return batched(gateway, endpoint, config, request, body, key, observer, beforeSend);
    }
    if (gateway.fansOut(endpoint)) {
      return fannedOut(gateway, endpoint, role, request, body, key, observer, beforeSend);
    }
    return new Routed(endpoint.chat(request, body, key, observer, beforeSend), 1);
  }

  /**
   * A call answered on another machine (a cluster's executors) at the list price; one the fan-out could not answer is
   * sent directly from here, where the request-shape fixes are learned.
   */
  private static Routed fannedOut(Gateway gateway, Endpoint endpoint, String role, ChatRequest request,
      ObjectNode body, String key, Endpoint.Observer observer, Consumer<ObjectNode> beforeSend) {
    ObjectNode wire = endpoint.withLearnedFixes(request, body);
    beforeSend.accept(wire); // the budget holds this body's worst case before it leaves, as for a direct call
    BatchApi.Result r = await(gateway.fanOutQueue(endpoint, role).submit(customId(endpoint, body, key), key, wire));
    for (int i = 0; i < r.retries(); i++) {
      observer.retry("retried where it was sent");
    }
    if (r.simulated()) {
      endpoint.markSimulated();
    }
    Endpoint.Sent.Answer answer = answer(endpoint, request, r, observer, "a fanned-out reply", "fanned-out call");
    return new Routed(answer != null ? answer : endpoint.chat(request, body, key, observer, beforeSend), 1);
  }

  private static Routed batched(Gateway gateway, Endpoint endpoint, ModelConfig config, ChatRequest request,
      ObjectNode body, String key, Endpoint.Observer observer, Consumer<ObjectNode> beforeSend) {
    BatchQueue queue = gateway.batchQueue(endpoint, config);
    BatchApi.Result r;
    gateway.batchStats().waiting();
    try {
      r = await(queue.submit(customId(endpoint, body, key), endpoint.withLearnedFixes(request, body)));
    } finally {
      gateway.batchStats().stoppedWaiting();
    }
    Endpoint.Sent.Answer answer = answer(endpoint, request, r, observer, "a batch reply", "batch request");
    if (answer != null) {
      gateway.batchStats().answered();
      return new Routed(answer, config.priceOrFree().batchDiscountOrDefault());
    }
    gateway.batchStats().fellBack();
    return new Routed(endpoint.chat(request, body, key, observer, beforeSend), 1);
  }

  /**
   * A queued call's answer, parsed as a direct reply is; or {@code null}, after counting the retry, when it has to be
   * sent directly (it failed, or came back without choices).
   */
  private static Endpoint.Sent.@Nullable Answer answer(Endpoint endpoint, ChatRequest request, BatchApi.Result r,
      Endpoint.Observer observer, String reply, String call) {
    if (r.body() == null) {
      observer.retry(call + " failed (" + r.error() + "); sending it directly");
      return null;
    }
    ChatResult result = endpoint.adapter().parse(r.body(), request);
    if (result.choices().isEmpty()) {
      observer.retry(reply + " without choices; sending it directly");
      return null;
    }
    return new Endpoint.Sent.Answer(endpoint.simulated() ? result.asSimulated() : result);
  }

  private static BatchApi.Result await(CompletableFuture<BatchApi.Result> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for a batch");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * The request's id in a batch: the same request (body and sample key) gets the same id in every session, which is
   * how a rerun finds it in the journal; letters, digits, {@code -} and {@code _} only, at most 64, as Anthropic
   * requires. A short sample key is carried in it ({@code k} + base64url(key) + 12 hex digits of the request's hash),
   * so synthkit's simulator answers a batched request exactly as it answers the same request sent directly (it seeds
   * its content by the key); longer keys give {@code r} + 48 hex digits.
   */
  static String customId(Endpoint endpoint, ObjectNode body, String key) {
    String hash = sha(endpoint.adapter().api() + "\0" + Json.write(body) + "\0" + key);
    String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    return encoded.length() <= 51 ? "k" + encoded + hash.substring(0, 12) : "r" + hash.substring(0, 48);
  }

  /** SHA-256 of a text, in hex. */
  static String sha(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
