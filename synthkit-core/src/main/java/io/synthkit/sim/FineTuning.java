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

/**
 * The simulator's OpenAI Files and Fine-tuning APIs, enough for a client to run a real fine-tuning loop against it:
 *
 * <ul>
 *   <li>{@code POST /v1/files} (multipart/form-data with {@code purpose} and {@code file}) stores the file in memory;
 *       {@code GET /v1/files/{id}} describes it;
 *   <li>{@code POST /v1/fine_tuning/jobs} checks that the training file exists and that every line matches the
 *       method's format ({@code supervised} or {@code dpo}, see {@link TrainingFileFormat}); a bad file is a 400 with
 *       the line and the problem;
 *   <li>{@code GET /v1/fine_tuning/jobs/{id}} advances the job one status per poll ({@code validating_files},
 *       {@code queued}, {@code running}, then {@code succeeded} with
 *       {@code fine_tuned_model: "ft:<base>:synthkit-sim:<suffix>:<n>"}); {@code GET /v1/fine_tuning/jobs} lists jobs
 *       and {@code POST .../{id}/cancel} cancels one.
 * </ul>
 *
 * <p>Chat requests naming a fine-tuned model are answered like any other. Job ids carry their base model and suffix,
 * so a restarted simulator (a resumed run starts a new one) reports a job an earlier instance created as succeeded
 * instead of unknown.
 *
 * <p>Thread-safe: all state is guarded by this object's lock.
 */
public final class FineTuning {

  private static final Pattern JOB_PATH = Pattern.compile("/v1/fine_tuning/jobs/([^/]+)(/cancel)?/?");
  private static final Pattern FILE_PATH = Pattern.compile("/v1/files/([^/]+)/?");
  private static final Pattern EARLIER_JOB = Pattern.compile("ftjob-sim(\\d+)-([A-Za-z0-9_-]+)");
  private static final List<String> PROGRESSION = List.of("validating_files", "queued", "running", "succeeded");

  private final Map<String, StoredFile> files = new LinkedHashMap<>();
  private final Map<String, ObjectNode> jobs = new LinkedHashMap<>();
  private String failNext;

  private record StoredFile(ObjectNode meta, byte[] content) {}

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
  public synchronized String fileContent(String id) {
    StoredFile f = files.get(id);
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

  SimHttpResponse files(SimHttpRequest req) {
    Matcher one = FILE_PATH.matcher(req.path());
    Reply r;
    if ("POST".equals(req.method()) && req.path().matches("/v1/files/?")) {
      r = upload(req.header("Content-Type"), req.body());
    } else if ("GET".equals(req.method()) && one.matches()) {
      r = describeFile(one.group(1));
    } else {
      r = new Reply(404, Simulator.error("unknown files route " + req.method() + " " + req.path()));
    }
    return SimHttpResponse.json(r.status(), r.body());
  }

  SimHttpResponse jobs(SimHttpRequest req) {
    Matcher one = JOB_PATH.matcher(req.path());
    boolean post = "POST".equals(req.method());
    Reply r;
    if (post && req.path().matches("/v1/fine_tuning/jobs/?")) {
      JsonNode body;
      try {
        body = Json.MAPPER.readTree(req.body());
      } catch (IOException e) {
        return SimHttpResponse.json(400, Simulator.error("the request body is not JSON"));
      }
      r = create(body);
    } else if (!post && req.path().matches("/v1/fine_tuning/jobs/?")) {
      r = new Reply(200, list());
    } else if (one.matches() && (post == (one.group(2) != null))) {
      r = post ? cancel(one.group(1)) : poll(one.group(1));
    } else {
      r = new Reply(404, Simulator.error("unknown fine-tuning route " + req.method() + " " + req.path()));
    }
    return SimHttpResponse.json(r.status(), r.body());
  }

  /** Adds the fine-tuned models that exist to a {@code /v1/models} listing. */
  synchronized void listModels(com.fasterxml.jackson.databind.node.ArrayNode data) {
    for (ObjectNode job : jobs.values()) {
      if (job.path("fine_tuned_model").isTextual()) {
        data.addObject().put("id", job.get("fine_tuned_model").asText()).put("object", "model")
            .put("owned_by", "synthkit-sim");
      }
    }
  }

  private record Reply(int status, JsonNode body) {}

  private synchronized Reply upload(String contentType, byte[] body) {
    List<Multipart.Part> parts;
    try {
      parts = Multipart.parse(contentType, body);
    } catch (IllegalArgumentException e) {
      return new Reply(400, Simulator.error(e.getMessage()));
    }
    Multipart.Part file = parts.stream().filter(p -> p.name().equals("file")).findFirst().orElse(null);
    String purpose = parts.stream().filter(p -> p.name().equals("purpose")).map(Multipart.Part::text).findFirst()
        .orElse(null);
    if (file == null || purpose == null) {
      return new Reply(400, Simulator.error("a file upload needs the form fields 'file' and 'purpose'"));
    }
    String id = "file-sim" + (files.size() + 1);
    ObjectNode meta = Json.object().put("id", id).put("object", "file").put("bytes", file.content().length)
        .put("created_at", 1_700_000_000L + files.size()).put("filename", file.filename() == null ? "upload"
            : file.filename()).put("purpose", purpose.strip()).put("status", "processed");
    files.put(id, new StoredFile(meta, file.content()));
    return new Reply(200, meta);
  }

  private synchronized Reply describeFile(String id) {
    StoredFile f = files.get(id);
    return f == null ? new Reply(404, Simulator.error("no such file: " + id)) : new Reply(200, f.meta());
  }

  private synchronized Reply create(JsonNode body) {
    String model = body.path("model").asText("");
    String fileId = body.path("training_file").asText("");
    String method = body.path("method").path("type").asText("supervised");
    if (model.isBlank()) {
      return invalid("model is required", "model");
    }
    StoredFile file = files.get(fileId);
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
    ObjectNode job = job(id, n, model, suffix);
    job.put("training_file", fileId);
    job.set("method", body.path("method").isObject() ? body.get("method") : Json.object().put("type", method));
    if (body.path("metadata").isObject()) {
      job.set("metadata", body.get("metadata"));
    }
    if (failNext != null) {
      job.put("_fail", failNext);
      failNext = null;
    }
    jobs.put(id, job);
    return new Reply(200, visible(job));
  }

  private static ObjectNode job(String id, int n, String model, String suffix) {
    ObjectNode job = Json.object().put("object", "fine_tuning.job").put("id", id).put("model", model)
        .put("created_at", 1_700_000_000L + n).put("status", PROGRESSION.get(0)).putNull("fine_tuned_model")
        .putNull("finished_at").putNull("trained_tokens").putNull("error").put("seed", 42)
        .put("organization_id", "org-synthkit-sim");
    if (!suffix.isEmpty()) {
      job.put("suffix", suffix);
    }
    job.put("_n", n);
    return job;
  }

  private synchronized Reply poll(String id) {
    ObjectNode job = jobs.get(id);
    if (job == null) {
      job = earlierJob(id);
      if (job == null) {
        return new Reply(404, Simulator.error("no such fine-tuning job: " + id));
      }
      jobs.put(id, job);
    }
    int at = PROGRESSION.indexOf(job.path("status").asText());
    if (at >= 0 && at < PROGRESSION.size() - 1) {
      advance(job, PROGRESSION.get(at + 1));
    }
    return new Reply(200, visible(job));
  }

  private static void advance(ObjectNode job, String status) {
    if (!status.equals("succeeded")) {
      job.put("status", status);
      return;
    }
    job.put("finished_at", job.path("created_at").asLong() + 600);
    if (job.has("_fail")) {
      job.put("status", "failed");
      job.putObject("error").put("code", "simulated_failure").put("message", job.get("_fail").asText())
          .putNull("param");
      return;
    }
    job.put("status", "succeeded").put("trained_tokens", 12_345)
        .put("fine_tuned_model", fineTunedName(job.path("model").asText(), job.path("suffix").asText(""),
            job.path("_n").asInt()));
  }

  /** Mirrors OpenAI's naming: a model tuned from a tuned model is named after the original base. */
  static String fineTunedName(String base, String suffix, int n) {
    String root = base.startsWith("ft:") ? base.split(":")[1] : base;
    return "ft:" + root + ":synthkit-sim:" + suffix + ":" + n;
  }

  /** A job an earlier simulator instance created: its id names its model and suffix; it has finished meanwhile. */
  private static ObjectNode earlierJob(String id) {
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
    ObjectNode job = job(id, Integer.parseInt(m.group(1)), spec[0], spec.length > 1 ? spec[1] : "");
    job.put("status", PROGRESSION.get(PROGRESSION.size() - 2));
    return job;
  }

  private synchronized Reply cancel(String id) {
    ObjectNode job = jobs.get(id);
    if (job == null) {
      return new Reply(404, Simulator.error("no such fine-tuning job: " + id));
    }
    if (PROGRESSION.indexOf(job.path("status").asText()) < PROGRESSION.size() - 1) {
      job.put("status", "cancelled");
    }
    return new Reply(200, visible(job));
  }

  private synchronized ObjectNode list() {
    ObjectNode out = Json.object().put("object", "list").put("has_more", false);
    var data = out.putArray("data");
    // Newest first, as OpenAI lists them.
    List<ObjectNode> all = new ArrayList<>(jobs.values());
    for (int i = all.size() - 1; i >= 0; i--) {
      data.add(visible(all.get(i)));
    }
    return out;
  }

  /** The job without the simulator's private bookkeeping fields (names starting with an underscore). */
  private static ObjectNode visible(ObjectNode job) {
    ObjectNode out = job.deepCopy();
    out.remove(List.of("_n", "_fail"));
    return out;
  }

  private static Reply invalid(String message, String param) {
    ObjectNode e = Json.object();
    e.putObject("error").put("message", message).put("type", "invalid_request_error").put("param", param)
        .putNull("code");
    return new Reply(400, e);
  }
}
