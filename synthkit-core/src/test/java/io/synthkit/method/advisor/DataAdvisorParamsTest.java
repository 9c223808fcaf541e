package io.synthkit.method.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The Data Advisor parameters: defaults, the preset's values and the user's, and each range check at its bound. */
class DataAdvisorParamsTest {

  /** A builder over the record's 23 components, all unset unless given. */
  private static final class P {
    String preset;
    String principle;
    String concept;
    String concepts;
    List<String> itemFields;
    String textField;
    String categoryField;
    String responseField;
    Boolean bootstrap;
    String summaryInput;
    Integer maxSummaryWords;
    Integer batchSize;
    Integer examples;
    Integer poolAdd;
    Integer minChars;
    String dedup;
    Double near;
    Integer maxIterations;
    Integer maxIdle;

    DataAdvisorParams build() {
      return new DataAdvisorParams(preset, principle, concept, concepts, null, itemFields, textField, categoryField,
          responseField, null, null, bootstrap, summaryInput, maxSummaryWords, batchSize, examples, poolAdd, null,
          minChars, dedup, near, maxIterations, maxIdle);
    }
  }

  private static DataAdvisorParams with(java.util.function.Consumer<P> set) {
    P p = new P();
    set.accept(p);
    return p.build();
  }

  private static void rejected(Supplier<DataAdvisorParams> make, String message) {
    assertThatThrownBy(make::get).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }

  @Test
  void defaults_followTheReferenceCode() {
    DataAdvisorParams p = with(x -> { });
    assertThat(p.principle()).isNull();
    assertThat(p.concept()).isEqualTo("concept");
    assertThat(p.concepts()).isEqualTo("concepts");
    assertThat(p.categoryField()).isEqualTo("category");
    assertThat(p.responseField()).isNull();
    assertThat(p.responds()).isFalse();
    assertThat(p.bootstrapSummary()).isTrue();
    assertThat(p.summaryInput()).isEqualTo("data");
    assertThat(p.summarisesData()).isTrue();
    assertThat(p.maxSummaryWords()).isEqualTo(5);
    assertThat(p.batchSize()).isEqualTo(12);
    assertThat(p.examplesPerPrompt()).isEqualTo(3);
    assertThat(p.poolAdd()).isEqualTo(1);
    assertThat(p.minChars()).isEqualTo(20);
    assertThat(p.dedup()).isEqualTo("near");
    assertThat(p.nearThreshold()).isEqualTo(0.8);
    assertThat(p.maxIterations()).isEqualTo(1000);
    assertThat(p.maxIdleIterations()).isEqualTo(10);
    assertThat(p.sampling().weakness()).isEqualTo(new StepSampling(0.9, 0.95, 128));
    assertThat(p.sampling().generation()).isEqualTo(new StepSampling(0.9, 0.95, 512));
    assertThat(p.sampling().summary()).isEqualTo(new StepSampling(0.0, 0.95, 4096));
    assertThat(p.sampling().response()).isEqualTo(new StepSampling(0.0, 1.0, 256));
    assertThat(with(x -> x.summaryInput = "advice").summarisesData()).isFalse();
    assertThat(with(x -> x.bootstrap = false).bootstrapSummary()).isFalse();
  }

  @Test
  void preset_fillsTheDomainAndTheUsersValuesWin() {
    DataAdvisorParams calculus = with(x -> x.preset = "calculus");
    assertThat(calculus.concept()).isEqualTo("calculus topic");
    assertThat(calculus.concepts()).isEqualTo("calculus topics");
    assertThat(calculus.itemFields()).containsExactly("question");
    assertThat(calculus.textField()).isEqualTo("question");
    assertThat(calculus.categoryField()).isEqualTo("topic");
    assertThat(calculus.responseField()).isEqualTo("answer");
    assertThat(calculus.responds()).isTrue();
    assertThat(calculus.principle()).startsWith("Complete calculus coverage");
    assertThat(calculus.sampling().response().maxTokens()).isEqualTo(1024);

    DataAdvisorParams own = with(x -> {
      x.preset = "safety";
      x.principle = "Cover every kind of fraud";
      x.concept = "fraud type";
      x.categoryField = "kind";
      x.responseField = "";
    });
    assertThat(own.principle()).isEqualTo("Cover every kind of fraud");
    // The preset's plural fits only its own concept; the user's concept gets the regular plural.
    assertThat(own.concepts()).isEqualTo("fraud types");
    assertThat(own.categoryField()).isEqualTo("kind");
    assertThat(own.responds()).as("an empty response_field turns the responder off").isFalse();
    assertThat(with(x -> {
      x.concept = "criterion";
      x.concepts = "criteria";
    }).concepts()).isEqualTo("criteria");
    assertThat(with(x -> {
      x.preset = " ";
      x.principle = " ";
    }).principle()).as("a blank preset is none; a blank principle is unset").isNull();
    rejected(() -> with(x -> x.preset = "medical"), "preset must be one of calculus, safety: 'medical'");
  }

  @Test
  void fields_mustBeDistinctHoldTheTextFieldAndNotWhatTheMethodWrites() {
    assertThat(with(x -> x.itemFields = List.of("q", "a")).textField()).isEqualTo("q");
    assertThat(with(x -> {
      x.itemFields = List.of("q", "a");
      x.textField = "a";
    }).textField()).isEqualTo("a");
    rejected(() -> with(x -> x.itemFields = List.of()), "item_fields must not be empty");
    rejected(() -> with(x -> x.itemFields = List.of("q", "q")), "item_fields must be distinct: [q, q]");
    rejected(() -> with(x -> {
      x.itemFields = List.of("q");
      x.textField = "a";
    }), "text_field 'a' is not one of the item_fields [q]");
    rejected(() -> with(x -> x.itemFields = List.of("q", "category")), "category_field 'category' must not be one"
        + " of the item_fields [q, category] (the method writes it)");
    rejected(() -> with(x -> {
      x.itemFields = List.of("q", "r");
      x.responseField = "r";
    }), "response_field 'r' must not be one of the item_fields [q, r] (the responder writes it)");
    rejected(() -> with(x -> x.responseField = "category"), "category_field and response_field must differ:"
        + " category");
    rejected(() -> with(x -> x.summaryInput = "items"), "summary_input must be data or advice: 'items'");
    rejected(() -> with(x -> x.dedup = "fuzzy"), "dedup must be near, exact or none: 'fuzzy'");
    assertThat(with(x -> x.dedup = "exact").dedup()).isEqualTo("exact");
    assertThat(with(x -> x.dedup = "none").dedup()).isEqualTo("none");
  }

  @Test
  void eachBound_acceptsItsEdgeAndRejectsOnePast() {
    assertThat(with(x -> x.maxSummaryWords = 1).maxSummaryWords()).isEqualTo(1);
    rejected(() -> with(x -> x.maxSummaryWords = 0), "max_summary_words must be at least 1: 0");
    assertThat(with(x -> x.batchSize = 1).batchSize()).isEqualTo(1);
    rejected(() -> with(x -> x.batchSize = 0), "batch_size must be at least 1: 0");
    assertThat(with(x -> x.examples = 0).examplesPerPrompt()).isZero();
    rejected(() -> with(x -> x.examples = -1), "examples_per_prompt must not be negative: -1");
    assertThat(with(x -> x.poolAdd = 0).poolAdd()).isZero();
    rejected(() -> with(x -> x.poolAdd = -1), "pool_add must not be negative: -1");
    assertThat(with(x -> x.minChars = 0).minChars()).isZero();
    rejected(() -> with(x -> x.minChars = -1), "min_chars must not be negative: -1");
    assertThat(with(x -> x.near = 1.0).nearThreshold()).isEqualTo(1.0);
    assertThat(with(x -> x.near = 0.01).nearThreshold()).isEqualTo(0.01);
    rejected(() -> with(x -> x.near = 0.0), "near_threshold must be in (0, 1]: 0.0");
    rejected(() -> with(x -> x.near = 1.01), "near_threshold must be in (0, 1]: 1.01");
    assertThat(with(x -> x.maxIterations = 1).maxIterations()).isEqualTo(1);
    rejected(() -> with(x -> x.maxIterations = 0), "max_iterations must be at least 1: 0");
    assertThat(with(x -> x.maxIdle = 1).maxIdleIterations()).isEqualTo(1);
    rejected(() -> with(x -> x.maxIdle = 0), "max_idle_iterations must be at least 1: 0");
  }

  @Test
  void plural_changesOnlyTheLastWordByTheRegularRules() {
    assertThat(Plural.of(" harm category ")).isEqualTo("harm categories");
    assertThat(Plural.of("day")).isEqualTo("days");
    assertThat(Plural.of("y")).isEqualTo("ys");
    assertThat(Plural.of("bus")).isEqualTo("buses");
    assertThat(Plural.of("box")).isEqualTo("boxes");
    assertThat(Plural.of("quiz")).isEqualTo("quizes");
    assertThat(Plural.of("speech")).isEqualTo("speeches");
    assertThat(Plural.of("wish")).isEqualTo("wishes");
    assertThat(Plural.of("Topic")).isEqualTo("Topics");
    assertThat(Plural.of("  ")).isEmpty();
  }

  @Test
  void summaryLines_areCleanedOfBulletsNumbersQuotesAndAFinalPeriod() {
    assertThat(RunningSummary.clean("- Phishing.")).isEqualTo("Phishing");
    assertThat(RunningSummary.clean("*• Lock picking")).isEqualTo("Lock picking");
    assertThat(RunningSummary.clean("12) \"Voter fraud\"")).isEqualTo("Voter fraud");
    assertThat(RunningSummary.clean("3. 'Stalking'")).isEqualTo("Stalking");
    assertThat(RunningSummary.clean("\"")).isEqualTo("\"");
    assertThat(RunningSummary.clean("\"half quoted")).isEqualTo("\"half quoted");
    assertThat(RunningSummary.clean("2024 elections")).isEqualTo("2024 elections");
    RunningSummary s = new RunningSummary(List.of("Phishing", "- phishing.", " ", "Doxxing"));
    assertThat(s.lines()).containsExactly("Phishing", "Doxxing");
    assertThat(s.size()).isEqualTo(2);
    assertThat(s.covers("PHISHING!")).isTrue();
    assertThat(s.covers("Stalking")).isFalse();
    RunningSummary.Merge m = s.merge(List.of("one two three", "one two three four"), 3);
    assertThat(m.added()).containsExactly("one two three");
    assertThat(m.dropped()).containsExactly(new RunningSummary.Dropped("one two three four", "too_long: 4 words > 3"));
    assertThat(new Weakness("\"Ticket scalping.\"\nsecond line", "r").cleanConcept()).isEqualTo("Ticket scalping");
    assertThat(new Weakness(null, "r").cleanConcept()).isEmpty();
  }
}
