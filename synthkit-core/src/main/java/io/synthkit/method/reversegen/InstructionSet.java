package io.synthkit.method.reversegen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.data.SeedFile;
import io.synthkit.method.reversegen.training.Instruction;
import io.synthkit.spi.ConfigView;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's task instructions ({@code data.seeds}): a text file with one instruction per line, or JSONL with the text
 * in {@code instruction_field}. Honesty items are MMLU-style multiple-choice questions, either as text (question,
 * {@code A.}... option lines, {@code Answer: X}) or as fields {@code question}, {@code choices} and {@code answer} (a
 * letter or a 0-based index), with an optional {@code subject}.
 *
 * @param items the instructions in file order
 * @param subject the subject of honesty questions for the prompt header
 */
record InstructionSet(List<Instruction> items, String subject) {

  /** Copies the list. */
  InstructionSet {
    items = List.copyOf(items);
  }

  /**
   * Reads {@code data.seeds} and checks it fits the task: an instruction (honesty: a multiple-choice question with an
   * answer) in every item, and more items than demonstrations.
   *
   * @param config the run config
   * @param p the parameters
   * @return the instruction set
   * @throws SynthkitException naming the config key, or the file and item at fault
   */
  static InstructionSet read(ConfigView config, ReverseGenParams p) {
    List<ObjectNode> rows = SeedFile.readSeeds(config, p.instructionField(), "for reversegen: the task's instruction"
        + " set, a .txt file with one instruction per line or JSONL with an \"" + p.instructionField() + "\" field");
    String path = SeedFile.seedsName(config);
    List<Instruction> items = new ArrayList<>();
    String subject = p.subject();
    for (int i = 0; i < rows.size(); i++) {
      String text = p.task() == Task.HONESTY ? question(rows.get(i), p, path, i) : text(rows.get(i), p, path, i);
      items.add(new Instruction("seed-" + i, text));
      if (subject == null && rows.get(i).path("subject").isTextual()) {
        subject = rows.get(i).get("subject").asText().replace('_', ' ');
      }
    }
    if (items.size() <= p.demonstrations()) {
      throw SynthkitException.input(path + ": has " + items.size() + " instructions; reversegen needs more than"
          + " reversegen.demonstrations (" + p.demonstrations() + ") so each prompt shows distinct ones");
    }
    return new InstructionSet(items, subject == null ? "general knowledge" : subject);
  }

  private static String text(ObjectNode row, ReverseGenParams p, String path, int i) {
    JsonNode t = row.path(p.instructionField());
    if (!t.isTextual() || t.asText().isBlank()) {
      throw SynthkitException.input(path + ": item " + (i + 1) + " has no text field '" + p.instructionField() + "'");
    }
    return t.asText().strip();
  }

  private static String question(ObjectNode row, ReverseGenParams p, String path, int i) {
    String text;
    if (row.path("question").isTextual() && row.path("choices").isArray()) {
      List<String> choices = new ArrayList<>();
      row.get("choices").forEach(c -> choices.add(c.asText()));
      JsonNode a = row.path("answer");
      String letter = a.isInt() ? String.valueOf((char) ('A' + a.asInt())) : a.asText(null);
      text = new Mcq(row.get("question").asText(), choices, letter).withAnswer();
    } else {
      text = text(row, p, path, i);
    }
    return Mcq.parse(text).filter(m -> m.answer() != null).map(Mcq::withAnswer).orElseThrow(() -> notMcq(path, i));
  }

  private static SynthkitException notMcq(String path, int i) {
    return SynthkitException.input(path + ": item " + (i + 1) + " is not a multiple-choice question with an answer;"
        + " honesty items need a question, options \"A. ...\", \"B. ...\" on their own lines and \"Answer: X\" (or"
        + " JSON fields question, choices, answer)");
  }
}
