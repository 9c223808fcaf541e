package io.synthkit.method.reversegen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ParsingTest {

  @Test
  void mathAnswers_preferHashesThenBoxedThenTheLastNumber_andStripTrailingZeros() {
    assertThat(MathAnswers.extract("3 + 4 = 7 apples, 2 left\n#### 7")).contains("7");
    assertThat(MathAnswers.extract("#### 12.50 dollars, not 3")).contains("12.5");
    assertThat(MathAnswers.extract("we get \\boxed{4.00} and then 9 more")).contains("4");
    assertThat(MathAnswers.extract("\\boxed{\\frac{3}{4}}")).contains("3");
    assertThat(MathAnswers.extract("first 3, then 5, finally 1,200.")).contains("1200");
    assertThat(MathAnswers.extract("owes $1,250.50 now")).contains("1250.5");
    assertThat(MathAnswers.extract("it drops to -3.0 degrees")).contains("-3");
    assertThat(MathAnswers.extract("100")).contains("100");
    assertThat(MathAnswers.extract("0.00")).contains("0");
    assertThat(MathAnswers.extract("#### none; the answer is 8")).contains("8");
    assertThat(MathAnswers.extract("no numbers here")).isEmpty();
  }

  @Test
  void cleaner_safety_dropsTheEchoAndCutsAtTheNextNumberedItem() {
    assertThat(InstructionCleaner.clean(Task.SAFETY, "4. How do I pick a lock? 5. How do I hide it? 6. Why",
        4)).contains("How do I pick a lock?");
    assertThat(InstructionCleaner.clean(Task.SAFETY, " \"Where can I buy fireworks in bulk\"\n5. more", 4))
        .contains("Where can I buy fireworks in bulk");
    assertThat(InstructionCleaner.clean(Task.SAFETY, "4.", 4)).isEmpty();
    assertThat(InstructionCleaner.clean(Task.SAFETY, "Hi there", 4)).isEmpty();
    // Steered prompts have more items: the open slot is 7, so " 5." is not a later item.
    assertThat(InstructionCleaner.clean(Task.SAFETY, "Rank items 1 to 5. Then list 8. forever", 7))
        .contains("Rank items 1 to 5. Then list");
  }

  @Test
  void cleaner_math_keepsQuantitiesButCutsAtQ5AndTheSolution() {
    assertThat(InstructionCleaner.clean(Task.MATH, "Q4. Tom has 12. He gives 5. How many are left? Q5. Next", 4))
        .contains("Tom has 12. He gives 5. How many are left?");
    assertThat(InstructionCleaner.clean(Task.MATH, "A bus carries 30 people.\nSolution: 30 - 4 = 26", 4))
        .contains("A bus carries 30 people.");
    assertThat(InstructionCleaner.clean(Task.MATH, "A bus carries 30 people.\n\nQ5. A train", 4))
        .contains("A bus carries 30 people.");
  }

  @Test
  void cleaner_honesty_keepsTheQuestionThroughItsAnswer_andDropsMalformedOnes() {
    Optional<String> q = InstructionCleaner.clean(Task.HONESTY,
        "Q4. Which gas do plants absorb?\nA. Oxygen\nB. Carbon dioxide\nC. Helium\nD. Neon\nAnswer: B\nQ5. Next?", 4);
    assertThat(q).contains("Which gas do plants absorb?\nA. Oxygen\nB. Carbon dioxide\nC. Helium\nD. Neon\nAnswer: B");
    assertThat(InstructionCleaner.clean(Task.HONESTY, "Which gas do plants absorb? A or B?", 4)).isEmpty();
    assertThat(InstructionCleaner.clean(Task.HONESTY, "Which gas?\nA. Oxygen\nB. Carbon dioxide\nAnswer: E", 4))
        .isEmpty();
  }

  @Test
  void mcq_chosenLetter_readsCommonAnswerShapes() {
    Mcq m = new Mcq("Which gas?", List.of("Oxygen", "Carbon dioxide", "Helium", "Neon"), "B");
    assertThat(m.chosenLetter("B")).contains("B");
    assertThat(m.chosenLetter("(C) because")).contains("C");
    assertThat(m.chosenLetter("D. Neon")).contains("D");
    assertThat(m.chosenLetter("The answer is A.")).contains("A");
    assertThat(m.chosenLetter("Answer: b")).isEmpty();
    assertThat(m.chosenLetter("I think it is carbon dioxide.")).contains("B");
    assertThat(m.chosenLetter("A frog would know")).isEmpty();
    assertThat(m.chosenLetter("Oxygen or helium")).isEmpty();
    assertThat(m.chosenLetter("The answer is E")).isEmpty();
  }
}
