package io.synthkit.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FineTuningTest {

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  final Simulator sim = Simulator.start(SimulatorOptions.DEFAULT);

  @AfterEach
  void close() {
    sim.close();
  }

  record Answer(int status, JsonNode body, boolean simulatedHeader) {}

  Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<String> r = client.send(b.header("Authorization", "Bearer sk-test").build(),
        HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), Json.parse(r.body()), r.headers().firstValue("X-Synthkit-Simulated").isPresent());
  }

  Answer upload(String content, String purpose) throws IOException, InterruptedException {
    String boundary = "b0undary42";
    String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose + "\r\n--"
        + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"train.jsonl\"\r\n"
        + "Content-Type: application/jsonl\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
    return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/files"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer post(String path, Object json) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Json.write(json))));
  }

  Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + path)).GET());
  }

  static String dpoLines(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"input\":{\"messages\":[{\"role\":\"user\",\"content\":\"1. a\\n2. b\\n4.\"}]},")
          .append("\"preferred_output\":[{\"role\":\"assistant\",\"content\":\"good ").append(i).append("\"}],")
          .append("\"non_preferred_output\":[{\"role\":\"assistant\",\"content\":\"bad ").append(i)
          .append("\"}]}\n");
    }
    return sb.toString();
  }

  static Object dpoJob(String fileId, String model) {
    return Json.object().put("training_file", fileId).put("model", model).put("suffix", "rg-i1")
        .set("method", Json.parse("{\"type\": \"dpo\", \"dpo\": {\"hyperparameters\": {\"beta\": 0.1}}}"));
  }

  @Test
  void upload_storesTheFileAndDescribesIt() throws Exception {
    Answer a = upload(dpoLines(10), "fine-tune");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.simulatedHeader()).isTrue();
    assertThat(a.body().path("object").asText()).isEqualTo("file");
    assertThat(a.body().path("purpose").asText()).isEqualTo("fine-tune");
    assertThat(a.body().path("filename").asText()).isEqualTo("train.jsonl");
    assertThat(a.body().path("bytes").asInt()).isEqualTo(dpoLines(10).getBytes(StandardCharsets.UTF_8).length);
    String id = a.body().path("id").asText();
    assertThat(sim.fineTuning().fileContent(id)).isEqualTo(dpoLines(10));
    assertThat(get("/files/" + id).body().path("id").asText()).isEqualTo(id);
    assertThat(upload("x", "fine-tune").status()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/files"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"))).status())
        .isEqualTo(400);
  }

  @Test
  void createJob_rejectsMissingFilesAndBadLinesWith400() throws Exception {
    Answer missing = post("/fine_tuning/jobs", dpoJob("file-nope", "gpt-base"));
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body().path("error").path("message").asText()).contains("file-nope");

    String sftLine = "{\"messages\": [{\"role\": \"user\", \"content\": \"q\"}, {\"role\": \"assistant\", \"content\":"
        + " \"a\"}]}\n";
    String asSft = upload(sftLine.repeat(10), "fine-tune").body().path("id").asText();
    Answer wrongFormat = post("/fine_tuning/jobs", dpoJob(asSft, "gpt-base"));
    assertThat(wrongFormat.status()).isEqualTo(400);
    assertThat(wrongFormat.body().path("error").path("message").asText()).contains("line 1").contains("input");

    String oneBad = dpoLines(10).replaceFirst("\"non_preferred_output\":\\[\\{\"role\":\"assistant\"",
        "\"non_preferred_output\":[{\"role\":\"user\"");
    String badId = upload(oneBad, "fine-tune").body().path("id").asText();
    Answer bad = post("/fine_tuning/jobs", dpoJob(badId, "gpt-base"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("error").path("message").asText()).contains("line 1: non_preferred_output");

    String few = upload(dpoLines(3), "fine-tune").body().path("id").asText();
    assertThat(post("/fine_tuning/jobs", dpoJob(few, "gpt-base")).body().path("error").path("message").asText())
        .contains("at least 10");
    assertThat(sim.fineTuning().jobs()).isEmpty();

    // The same supervised file is valid for a supervised job.
    Answer sft = post("/fine_tuning/jobs", Json.object().put("training_file", asSft).put("model", "gpt-base")
        .set("method", Json.object().put("type", "supervised")));
    assertThat(sft.status()).isEqualTo(200);
  }

  @Test
  void job_advancesOneStatusPerPoll_andItsModelAnswersChat() throws Exception {
    String file = upload(dpoLines(12), "fine-tune").body().path("id").asText();
    Answer created = post("/fine_tuning/jobs", dpoJob(file, "gpt-base"));
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.body().path("status").asText()).isEqualTo("validating_files");
    assertThat(created.body().path("method").path("dpo").path("hyperparameters").path("beta").asDouble())
        .isEqualTo(0.1);
    assertThat(created.body().has("_n")).isFalse();
    String id = created.body().path("id").asText();
    List<String> statuses = new ArrayList<>();
    JsonNode last = null;
    for (int i = 0; i < 4; i++) {
      last = get("/fine_tuning/jobs/" + id).body();
      statuses.add(last.path("status").asText());
    }
    assertThat(statuses).containsExactly("queued", "running", "succeeded", "succeeded");
    String model = last.path("fine_tuned_model").asText();
    assertThat(model).isEqualTo("ft:gpt-base:synthkit-sim:rg-i1:1");
    assertThat(get("/models").body().toString()).contains(model);

    Answer chat = post("/chat/completions", Json.object().put("model", model)
        .set("messages", Json.array().add(Json.object().put("role", "user").put("content", "hi"))));
    assertThat(chat.status()).isEqualTo(200);
    assertThat(chat.simulatedHeader()).isTrue();
    assertThat(chat.body().path("model").asText()).isEqualTo(model);

    // Tuning a tuned model names the original base, as OpenAI does.
    String again = post("/fine_tuning/jobs", dpoJob(file, model)).body().path("id").asText();
    for (int i = 0; i < 3; i++) {
      last = get("/fine_tuning/jobs/" + again).body();
    }
    assertThat(last.path("fine_tuned_model").asText()).isEqualTo("ft:gpt-base:synthkit-sim:rg-i1:2");
  }

  @Test
  void failNextJob_endsInFailedWithTheMessage_andUnknownJobsAre404() throws Exception {
    String file = upload(dpoLines(10), "fine-tune").body().path("id").asText();
    sim.fineTuning().failNextJob("out of GPUs");
    String id = post("/fine_tuning/jobs", dpoJob(file, "gpt-base")).body().path("id").asText();
    JsonNode last = null;
    for (int i = 0; i < 3; i++) {
      last = get("/fine_tuning/jobs/" + id).body();
    }
    assertThat(last.path("status").asText()).isEqualTo("failed");
    assertThat(last.path("error").path("message").asText()).isEqualTo("out of GPUs");
    assertThat(last.path("fine_tuned_model").isNull()).isTrue();
    assertThat(get("/fine_tuning/jobs/ftjob-unknown").status()).isEqualTo(404);
  }

  @Test
  void restartedSimulator_reportsAJobOfAnEarlierInstanceAsFinished() throws Exception {
    String file = upload(dpoLines(10), "fine-tune").body().path("id").asText();
    String id = post("/fine_tuning/jobs", dpoJob(file, "gpt-base")).body().path("id").asText();
    try (Simulator other = Simulator.start(SimulatorOptions.DEFAULT)) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(other.baseUrl() + "/fine_tuning/jobs/"
          + id)).header("Authorization", "Bearer sk-test").GET().build(), HttpResponse.BodyHandlers.ofString());
      JsonNode job = Json.parse(r.body());
      assertThat(job.path("status").asText()).isEqualTo("succeeded");
      assertThat(job.path("fine_tuned_model").asText()).isEqualTo("ft:gpt-base:synthkit-sim:rg-i1:1");
    }
  }

  @Test
  void cancel_stopsARunningJob() throws Exception {
    String file = upload(dpoLines(10), "fine-tune").body().path("id").asText();
    String id = post("/fine_tuning/jobs", dpoJob(file, "gpt-base")).body().path("id").asText();
    assertThat(post("/fine_tuning/jobs/" + id + "/cancel", Json.object()).body().path("status").asText())
        .isEqualTo("cancelled");
    assertThat(get("/fine_tuning/jobs/" + id).body().path("status").asText()).isEqualTo("cancelled");
    assertThat(get("/fine_tuning/jobs").body().path("data")).hasSize(1);
  }
}
