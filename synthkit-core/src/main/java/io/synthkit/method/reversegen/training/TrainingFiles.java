package io.synthkit.method.reversegen.training;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.ChatMessage;
import io.synthkit.spi.Prompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the proposer's training data into the run directory, in the formats trainers read:
 *
 * <ul>
 *   <li>{@code pairs.jsonl}: every iteration's pairs so far, {@code {prompt, chosen, rejected, iteration}} (TRL's
 *       DPO columns plus the iteration, and {@code simulated: true} in a simulated run; {@code synthkit export --format dpo|openai-dpo} reads it);
 *   <li>{@code reversegen/iter-N.dpo.trl.jsonl}: {@code {prompt, chosen, rejected}} for TRL's DPOTrainer;
 *   <li>{@code reversegen/iter-N.dpo.openai.jsonl}: OpenAI's DPO fine-tuning format, {@code {input: {messages},
 *       preferred_output: [assistant message], non_preferred_output: [assistant message]}};
 *   <li>{@code reversegen/warmup.sft.trl.jsonl} ({@code {prompt, completion}}) and
 *       {@code reversegen/warmup.sft.openai.jsonl} ({@code {messages}}) for the supervised warm-up.
 * </ul>
 *
 * <p>Files are rewritten whole, atomically, so a resumed run that replays an iteration writes the same bytes again.
 * TRL files hold the prompt's user text; OpenAI files hold every message of the prompt. Thread-confined.
 */
public final class TrainingFiles {

  private final Path runDir;
  private final boolean simulated;
  private final List<PreferencePair> all = new ArrayList<>();

  public TrainingFiles(Path runDir) {
    this(runDir, false);
  }

  /**
   * @param runDir the run directory
   * @param simulated true when the run is simulated: every {@code pairs.jsonl} line then says
   *     {@code "simulated": true}, as the dataset's records do, so placeholder pairs never pass for real ones
   */
  public TrainingFiles(Path runDir, boolean simulated) {
    this.runDir = runDir;
    this.simulated = simulated;
  }

  /** The files of one stage, for trainers. */
  public record Written(Path trl, Path openAi) {}

  public Written warmup(List<SftExample> examples) {
    List<ObjectNode> trl = new ArrayList<>();
    List<ObjectNode> openAi = new ArrayList<>();
    for (SftExample e : examples) {
      trl.add(Json.object().put("prompt", e.prompt().lastUserText()).put("completion", e.completion()));
      ArrayNode messages = messages(e.prompt());
      messages.addObject().put("role", "assistant").put("content", e.completion());
      openAi.add((ObjectNode) Json.object().set("messages", messages));
    }
    return new Written(write("reversegen/warmup.sft.trl.jsonl", trl), write("reversegen/warmup.sft.openai.jsonl",
        openAi));
  }

  public Written iteration(int iteration, List<PreferencePair> pairs) {
    all.removeIf(p -> p.iteration() == iteration); // a replayed iteration replaces itself
    all.addAll(pairs);
    write("pairs.jsonl", all.stream().map(this::pairLine).toList());
    return new Written(write("reversegen/iter-" + iteration + ".dpo.trl.jsonl", pairs.stream().map(
        TrainingFiles::trl).toList()), write("reversegen/iter-" + iteration + ".dpo.openai.jsonl",
        pairs.stream().map(TrainingFiles::openAi).toList()));
  }

  private ObjectNode pairLine(PreferencePair p) {
    ObjectNode line = trl(p).put("iteration", p.iteration());
    return simulated ? line.put("simulated", true) : line;
  }

  static ObjectNode trl(PreferencePair p) {
    return Json.object().put("prompt", p.prompt().lastUserText()).put("chosen", p.chosen())
        .put("rejected", p.rejected());
  }

  static ObjectNode openAi(PreferencePair p) {
    ObjectNode line = Json.object();
    line.putObject("input").set("messages", messages(p.prompt()));
    line.putArray("preferred_output").addObject().put("role", "assistant").put("content", p.chosen());
    line.putArray("non_preferred_output").addObject().put("role", "assistant").put("content", p.rejected());
    return line;
  }

  private static ArrayNode messages(Prompt prompt) {
    ArrayNode out = Json.array();
    for (ChatMessage m : prompt.messages()) {
      out.addObject().put("role", m.role().wire()).put("content", m.content());
    }
    return out;
  }

  private Path write(String name, List<ObjectNode> lines) {
    Path target = runDir.resolve(name);
    StringBuilder sb = new StringBuilder();
    lines.forEach(l -> sb.append(Json.write(l)).append('\n'));
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
