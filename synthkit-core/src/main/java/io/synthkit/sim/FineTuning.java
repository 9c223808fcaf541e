package io.synthkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's OpenAI Files and Fine-tuning APIs, enough for a client (or the official SDK) to run a real
 * fine-tuning loop against it:
 *
 * <ul>
 *   <li>the Files API ({@link FileStore}): upload, list, retrieve, content, delete;
 *   <li>{@code POST /v1/fine_tuning/jobs} checks that the training file exists and that every line matches the
 *       method's format ({@code supervised} or {@code dpo}, see {@link TrainingFileFormat}); a bad file is a 400 with
 *       the line and the problem;
 *   <li>{@code GET /v1/fine_tuning/jobs/{id}} advances the job one status per poll ({@code validating_files},
 *       {@code queued}, {@code running}, then {@code succeeded} with
 *       {@code fine_tuned_model: "ft:<base>:synthkit-sim:<suffix>:<n>"}), recording an event at each step;
 *       {@code GET /v1/fine_tuning/jobs} lists jobs (newest first), {@code GET .../{id}/events} lists a job's events
 *       (newest first) and {@code POST .../{id}/cancel} cancels one.
 * </ul>
 *
 * <p>Chat requests naming a fine-tuned model are answered like any other. Job ids carry their base model and suffix,
 * so a restarted simulator (a resumed run starts a new one) reports a job an earlier instance created as succeeded
 * instead of unknown.
 *
 * <p>Thread-safe: all state is guarded by this object's lock.
 */
public final class FineTuning {

  private static final Pattern JOB_PATH = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)(/cancel|/events)?/?");
  private static final Pattern EARLIER_JOB = Pattern.compile("ftjob-sim(\\d+)-([A-Za-z0-9_-]+)");
  private static final List<String> PROGRESSION = List.of("validating_files", "queued", "running", "succeeded");

  private final FileStore files = new FileStore();
  private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
  private final Map<String, List<ObjectNode>> events = new LinkedHashMap<>();
  private @Nullable String failNext;

  FineTuning() {}

  /**
   * Returns every job this simulator created, as last reported, for tests that count jobs or inspect them.
   *
   * @return copies of the job objects, in creation order
   */
  public synchronized List<JsonNode> jobs() {
    List<JsonNode> out = new ArrayList<>();
    jobs.values().forEach(j -> out.add(visible(j)));
    return out;
  }

  /**
   * Returns the content of an uploaded file, for tests that check what a client sent.
   *
   * @param id the file id
   * @return the bytes as UTF-8 text, or {@code null} when unknown
   */
  public @Nullable String fileContent(String id) {
    FileStore.Stored f = files.get(id);
    return f == null ? null : new String(f.content(), StandardCharsets.UTF_8);
  }

  /**
   * Makes the next job created end in status {@code failed} instead of {@code succeeded}, for tests of a client's
   * error path.
   *
   * @param message the job's {@code error.message}
   */
  public synchronized void failNextJob(String message) {
    failNext = message;
  }

  /** The Files API's store, shared with the Batch API (its input, output and error files). */
  FileStore store() {
    return files;
  }

  SimHttpResponse files(SimHttpRequest req) {
    return files.handle(req);
  }

  SimHttpResponse jobs(SimHttpRequest req) {
    Matcher one = JOB_PATH.matcher(req.path());
    boolean post = "POST".equals(req.method());
    boolean get = "GET".equals(req.method());
    if (req.path().matches("/v1/fine_tuning/jobs/?")) {
      if (post) {
        JsonNode body;
        try {
          body = Json.MAPPER.readTree(req.body());
        } catch (IOException e) {
          return ApiError.unparsableOpenAiBody().response();
        }
        return create(body);
      }
      return get ? SimHttpResponse.json(200, list(Query.parse(req.query())))
          : ApiError.methodNotAllowed(Api.OPENAI, req.method(), req.path()).response();
    }
    if (one.matches()) {
      String action = one.group(2) == null ? "" : one.group(2);
      if (post && action.equals("/cancel")) {
        return cancel(one.group(1));
      }
      if (get && action.isEmpty()) {
        return poll(one.group(1));
      }
      if (get && action.equals("/events")) {
        return events(one.group(1), Query.parse(req.query()));
      }
    }
    return ApiError.notFound(Api.OPENAI, "Invalid URL (" + req.method() + " " + req.path() + ")").response();
  }

  /** The fine-tuned models that exist, for the model listing and the served-model check. */
  synchronized List<String> fineTunedModels() {
    List<String> out = new ArrayList<>();
    for (ObjectNode job : jobs.values()) {
      if (job.path("fine_tuned_model").isTextual()) {
        out.add(job.get("fine_tuned_model").asText());
      }
    }
    return out;
  }

  private synchronized SimHttpResponse create(JsonNode body) {
    String model = body.path("model").asText("");
    String fileId = body.path("training_file").asText("");
    String method = body.path("method").path("type").asText("supervised");
    if (model.isBlank()) {
      return OpenAiParams.missing("model").error().response();
    }
    FileStore.Stored file = files.get(fileId);
    if (file == null) {
      return invalid("invalid training_file: no such file: " + fileId, "training_file");
    }
    if (!file.meta().path("purpose").asText().equals("fine-tune")) {
      return invalid("the training file was uploaded with purpose " + file.meta().path("purpose")
          + ", expected fine-tune", "training_file");
    }
    if (!method.equals("supervised") && !method.equals("dpo")) {
      return invalid("unsupported method type " + method + " (supervised or dpo)", "method");
    }
    String problem = TrainingFileFormat.problem(method, file.content());
    if (problem != null) {
      return invalid("invalid training file " + fileId + " for method " + method + ": " + problem, "training_file");
    }
    int n = jobs.size() + 1;
    String suffix = body.path("suffix").isTextual() ? body.get("suffix").asText() : "";
    String id = "ftjob-sim" + n + "-" + Base64.getUrlEncoder().withoutPadding()
        .encodeToString((model + "\n" + suffix).getBytes(StandardCharsets.UTF_8));
    ObjectNode job = job(id, n, model, suffix, fileId);
    job.set("method", body.path("method").isObject() ? body.get("method") : Json.object().put("type", method));
    if (body.path("metadata").isObject()) {
      job.set("metadata", body.get("metadata"));
    }
    if (failNext != null) {
      job.put("_fail", failNext);
      failNext = null;
    }
    jobs.put(id, job);
    event(job, "info", "Validating training file: " + fileId);
    return SimHttpResponse.json(200, visible(job));
  }

  private static ObjectNode job(String id, int n, String model, String suffix, String fileId) {
    ObjectNode job = Json.object().put("object", "fine_tuning.job").put("id", id).put("model", model)
        .put("created_at", 1_700_000_000L + n).put("status", PROGRESSION.get(0)).putNull("fine_tuned_model")
        .putNull("finished_at").putNull("trained_tokens").putNull("error").put("seed", 42)
        .put("organization_id", "org-synthkit-sim").put("training_file", fileId).putNull("validation_file")
        .putNull("estimated_finish");
    job.putArray("result_files");
    job.putObject("hyperparameters").put("batch_size", "auto").put("learning_rate_multiplier", "auto")
        .put("n_epochs", "auto");
    if (!suffix.isEmpty()) {
      job.put("suffix", suffix).put("user_provided_suffix", suffix);
    }
    job.put("_n", n);
    return job;
  }

  private synchronized SimHttpResponse poll(String id) {
    ObjectNode job = jobs.get(id);
    if (job == null) {
      job = earlierJob(id);
      if (job == null) {
        return noSuchJob(id);
      }
      jobs.put(id, job);
    }
    int at = PROGRESSION.indexOf(job.path("status").asText());
    if (at >= 0 && at < PROGRESSION.size() - 1) {
      advance(job, PROGRESSION.get(at + 1));
    }
    return SimHttpResponse.json(200, visible(job));
  }

  private void advance(ObjectNode job, String status) {
    if (!status.equals("succeeded")) {
      job.put("status", status);
      event(job, "info", status.equals("queued") ? "Files validated, moving job to queued state"
          : "Fine-tuning job started");
      return;
    }
    job.put("finished_at", job.path("created_at").asLong() + 600);
    if (job.has("_fail")) {
      job.put("status", "failed");
      job.putObject("error").put("code", "simulated_failure").put("message", job.get("_fail").asText())
          .putNull("param");
      event(job, "error", "The job failed: " + job.get("_fail").asText());
      return;
    }
    String model = fineTunedName(job.path("model").asText(), job.path("suffix").asText(""), job.path("_n").asInt());
    job.put("status", "succeeded").put("trained_tokens", 12_345).put("fine_tuned_model", model);
    event(job, "info", "New fine-tuned model created: " + model);
    event(job, "info", "The job has successfully completed");
  }

  private void event(ObjectNode job, String level, String message) {
    List<ObjectNode> list = events.computeIfAbsent(job.path("id").asText(), k -> new ArrayList<>());
    ObjectNode e = Json.object().put("object", "fine_tuning.job.event")
        .put("id", "ftevent-sim" + job.path("_n").asInt() + "-" + (list.size() + 1))
        .put("created_at", job.path("created_at").asLong() + 60L * list.size()).put("level", level)
        .put("message", message).put("type", "message");
    e.putObject("data");
    list.add(e);
  }

  /** Mirrors OpenAI's naming: a model tuned from a tuned model is named after the original base. */
  static String fineTunedName(String base, String suffix, int n) {
    String root = base.startsWith("ft:") ? base.split(":")[1] : base;
    return "ft:" + root + ":synthkit-sim:" + suffix + ":" + n;
  }

  /** A job an earlier simulator instance created: its id names its model and suffix; it has finished meanwhile. */
  private @Nullable ObjectNode earlierJob(String id) {
    Matcher m = EARLIER_JOB.matcher(id);
    if (!m.matches()) {
      return null;
    }
    String[] spec;
    try {
      spec = new String(Base64.getUrlDecoder().decode(m.group(2)), StandardCharsets.UTF_8).split("\n", 2);
    } catch (IllegalArgumentException e) {
      return null;
    }
    ObjectNode job = job(id, Integer.parseInt(m.group(1)), spec[0], spec.length > 1 ? spec[1] : "", "file-unknown");
    job.put("status", PROGRESSION.get(PROGRESSION.size() - 2));
    event(job, "info", "Fine-tuning job started");
    return job;
  }

  private synchronized SimHttpResponse cancel(String id) {
    ObjectNode job = jobs.get(id);
    if (job == null) {
      return noSuchJob(id);
    }
    if (PROGRESSION.indexOf(job.path("status").asText()) < PROGRESSION.size() - 1) {
      job.put("status", "cancelled");
      event(job, "info", "Fine-tuning job cancelled");
    }
    return SimHttpResponse.json(200, visible(job));
  }

  private synchronized ObjectNode list(Query q) {
    // Newest first, as OpenAI lists them.
    List<ObjectNode> all = new ArrayList<>();
    jobs.values().forEach(j -> all.add(0, visible(j)));
    return page(all, q);
  }

  private synchronized SimHttpResponse events(String id, Query q) {
    if (!jobs.containsKey(id)) {
      return noSuchJob(id);
    }
    List<ObjectNode> all = new ArrayList<>();
    events.getOrDefault(id, List.of()).forEach(e -> all.add(0, e.deepCopy()));
    return SimHttpResponse.json(200, page(all, q));
  }

  /** Job and event lists carry only {@code has_more}, not first and last ids. */
  private static ObjectNode page(List<ObjectNode> all, Query q) {
    ObjectNode out = FileStore.Page.of(all, q, 20);
    out.remove(List.of("first_id", "last_id"));
    return out;
  }

  /** The job without the simulator's private bookkeeping fields (names starting with an underscore). */
  private static ObjectNode visible(ObjectNode job) {
    ObjectNode out = job.deepCopy();
    out.remove(List.of("_n", "_fail"));
    return out;
  }

  private static SimHttpResponse noSuchJob(String id) {
    return ApiError.notFound(Api.OPENAI, "Could not find fine tune job: " + id).response();
  }

  private static SimHttpResponse invalid(String message, @Nullable String param) {
    return ApiError.invalid(Api.OPENAI, message, param, null).response();
  }
}
