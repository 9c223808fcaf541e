package io.synthkit.method.aide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The AIDE parameters: defaults, each range check at both sides of its bound, and the enums' config names. */
class AideParamsTest {

  /** The record's 19 components, all unset unless given. */
  private static final class P {
    Integer seeds;
    Integer depth;
    Integer attributes;
    Integer extra;
    List<Operation> operations;
    String personaOperation;
    Integer residualDepth;
    Integer demonstrations;
    Boolean reflection;
    Integer accept;
    Integer improveRelevance;
    Integer improveDiversity;
    Boolean keep;
    Integer maxChars;
    Integer maxAnnotations;
    String questionField;
    Integer perBatch;
  }

  private static AideParams with(Consumer<P> set) {
    P p = new P();
    set.accept(p);
    return new AideParams(p.seeds, p.depth, p.attributes, p.extra, p.operations, p.personaOperation,
        p.residualDepth, null, p.demonstrations, p.reflection, p.accept, p.improveRelevance, p.improveDiversity,
        p.keep, p.maxChars, null, p.maxAnnotations, p.questionField, p.perBatch);
  }

  private static void rejected(Supplier<AideParams> make, String message) {
    assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaults_followThePaperAndTheCode() {
    AideParams p = with(x -> { });
    assertThat(p.seeds()).isEqualTo(10);
    assertThat(p.depth()).isEqualTo(2);
    assertThat(p.attributes()).isEqualTo(3);
    assertThat(p.extraTriplets()).isZero();
    assertThat(p.operations()).containsExactly(Operation.CONCRETIZING, Operation.CONSTRAINTS, Operation.REASONING);
    assertThat(p.personaOperation()).isEqualTo("constraints");
    assertThat(p.personaOp()).isEqualTo(Operation.CONSTRAINTS);
    assertThat(p.residualDepth()).isEqualTo(1);
    assertThat(p.residualRule()).isEqualTo(ResidualRule.PAPER);
    assertThat(p.demonstrations()).isEqualTo(3);
    assertThat(p.reflection()).isTrue();
    assertThat(p.acceptThreshold()).isEqualTo(4);
    assertThat(p.maxImproveRelevance()).isEqualTo(5);
    assertThat(p.maxImproveDiversity()).isEqualTo(20);
    assertThat(p.keepUnaccepted()).isFalse();
    assertThat(p.maxChars()).isEqualTo(500);
    assertThat(p.answerFormat()).isEqualTo(AnswerFormat.MULTIPLE_CHOICE);
    assertThat(p.maxAnnotations()).isEqualTo(5);
    assertThat(p.questionField()).isEqualTo("question");
    assertThat(p.nodesPerBatch()).isEqualTo(8);
    assertThat(with(x -> x.reflection = false).reflection()).isFalse();
    assertThat(with(x -> x.keep = true).keepUnaccepted()).isTrue();
    assertThat(with(x -> x.personaOperation = "none").personaOp()).isNull();
  }

  @Test
  void branching_isTripletsTimesOperationsPlusPersonas() {
    AideParams p = with(x -> {
      x.attributes = 3;
      x.extra = 2;
      x.operations = List.of(Operation.REASONING, Operation.CONCRETIZING);
    });
    assertThat(p.triplets()).isEqualTo(5);
    assertThat(p.branching(4)).isEqualTo(14);
    assertThat(p.branching(0)).isEqualTo(10);
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    assertThat(with(x -> x.seeds = 1).seeds()).isEqualTo(1);
    rejected(() -> with(x -> x.seeds = 0), "seeds must be at least 1: 0");
    assertThat(with(x -> x.depth = 1).depth()).isEqualTo(1);
    assertThat(with(x -> x.depth = 10).depth()).isEqualTo(10);
    rejected(() -> with(x -> x.depth = 0), "depth must be in [1, 10]: 0");
    rejected(() -> with(x -> x.depth = 11), "depth must be in [1, 10]: 11");
    assertThat(with(x -> x.attributes = 0).attributes()).isZero();
    assertThat(with(x -> x.attributes = 20).attributes()).isEqualTo(20);
    rejected(() -> with(x -> x.attributes = -1), "attributes must be in [0, 20]: -1");
    rejected(() -> with(x -> x.attributes = 21), "attributes must be in [0, 20]: 21");
    assertThat(with(x -> x.extra = 0).extraTriplets()).isZero();
    assertThat(with(x -> x.extra = 20).extraTriplets()).isEqualTo(20);
    rejected(() -> with(x -> x.extra = -1), "extra_triplets must be in [0, 20]: -1");
    rejected(() -> with(x -> x.extra = 21), "extra_triplets must be in [0, 20]: 21");
    assertThat(with(x -> x.residualDepth = 0).residualDepth()).isZero();
    rejected(() -> with(x -> x.residualDepth = -1), "residual_depth must not be negative: -1");
    assertThat(with(x -> x.demonstrations = 0).demonstrations()).isZero();
    rejected(() -> with(x -> x.demonstrations = -1), "demonstrations must not be negative: -1");
    assertThat(with(x -> x.accept = 0).acceptThreshold()).isZero();
    assertThat(with(x -> x.accept = 9).acceptThreshold()).isEqualTo(9);
    rejected(() -> with(x -> x.accept = -1), "accept_threshold must be in [0, 9]: -1");
    rejected(() -> with(x -> x.accept = 10), "accept_threshold must be in [0, 9]: 10");
    assertThat(with(x -> x.improveRelevance = 0).maxImproveRelevance()).isZero();
    rejected(() -> with(x -> x.improveRelevance = -1), "max_improve_relevance must not be negative: -1");
    assertThat(with(x -> x.improveDiversity = 0).maxImproveDiversity()).isZero();
    rejected(() -> with(x -> x.improveDiversity = -1), "max_improve_diversity must not be negative: -1");
    assertThat(with(x -> x.maxChars = 0).maxChars()).isZero();
    rejected(() -> with(x -> x.maxChars = -1), "max_chars must not be negative: -1");
    assertThat(with(x -> x.maxAnnotations = 1).maxAnnotations()).isEqualTo(1);
    rejected(() -> with(x -> x.maxAnnotations = 0), "max_annotations must be at least 1: 0");
    rejected(() -> with(x -> x.questionField = " "), "question_field must not be blank");
    assertThat(with(x -> x.perBatch = 1).nodesPerBatch()).isEqualTo(1);
    rejected(() -> with(x -> x.perBatch = 0), "nodes_per_batch must be at least 1: 0");
  }

  @Test
  void operations_mustBeDistinctAndPresentWhileTripletsAre() {
    rejected(() -> with(x -> x.operations = List.of(Operation.REASONING, Operation.REASONING)),
        "operations repeat: [REASONING, REASONING]");
    rejected(() -> with(x -> x.operations = List.of()),
        "operations must not be empty while attributes or extra_triplets are above 0");
    rejected(() -> with(x -> {
      x.operations = List.of();
      x.attributes = 0;
      x.extra = 1;
    }), "operations must not be empty while attributes or extra_triplets are above 0");
    assertThat(with(x -> {
      x.operations = List.of();
      x.attributes = 0;
    }).branching(2)).isEqualTo(2);
    rejected(() -> with(x -> x.personaOperation = "rewrite"),
        "persona_operation must be none or one of [concretizing, constraints, reasoning]: rewrite");
    assertThat(with(x -> x.personaOperation = "reasoning").personaOp()).isEqualTo(Operation.REASONING);
  }

  @Test
  void residualRules_connectTheSeedAtTheirHops() {
    // The paper: hops 2..r+1 on every path.
    assertThat(ResidualRule.PAPER.applies(1, 1, Operation.REASONING)).isFalse();
    assertThat(ResidualRule.PAPER.applies(2, 1, null)).isTrue();
    assertThat(ResidualRule.PAPER.applies(3, 1, Operation.REASONING)).isFalse();
    assertThat(ResidualRule.PAPER.applies(3, 2, Operation.CONCRETIZING)).isTrue();
    // The code: hops above r, on the reasoning path only.
    assertThat(ResidualRule.CODE.applies(1, 1, Operation.REASONING)).isFalse();
    assertThat(ResidualRule.CODE.applies(2, 1, Operation.REASONING)).isTrue();
    assertThat(ResidualRule.CODE.applies(2, 1, Operation.CONSTRAINTS)).isFalse();
    assertThat(ResidualRule.CODE.applies(2, 1, null)).isFalse();
  }

  @Test
  void enums_parseTheirConfigNamesAndNameTheAllowedOnes() {
    assertThat(ResidualRule.of("code")).isEqualTo(ResidualRule.CODE);
    assertThat(ResidualRule.of("paper").wire()).isEqualTo("paper");
    assertThatThrownBy(() -> ResidualRule.of("both")).hasMessage("unknown residual_rule 'both'; allowed: paper,"
        + " code");
    assertThat(AnswerFormat.of("yes_no")).isEqualTo(AnswerFormat.YES_NO);
    assertThat(AnswerFormat.of("free_text").wire()).isEqualTo("free_text");
    assertThatThrownBy(() -> AnswerFormat.of("essay")).hasMessage("unknown answer_format 'essay'; allowed:"
        + " multiple_choice, yes_no, free_text");
    assertThat(Operation.of("concretizing")).isEqualTo(Operation.CONCRETIZING);
    assertThatThrownBy(() -> Operation.of("x")).hasMessage("unknown operation 'x'; allowed: concretizing,"
        + " constraints, reasoning");
  }
}
