package io.synthkit.spi;

import io.synthkit.spi.CodeSandbox.SandboxLimits;


/**
 * What a {@link QualityStage} may use of the run: model roles, prompts, the shared components (embedder, retriever,
 * sandbox), where dropped items go, and the run's settings. A narrower view than {@link RunContext}: a stage checks
 * records, it does not produce or accept them. Thread-safe.
 */
public interface StageContext {

  /**
   * Returns a model role ({@code models.<role>}, falling back to {@code models.default}).
   *
   * @param role the role name
   * @return the handle
   */
  Llm llm(String role);

  /**
   * Returns the prompt templates (built-in, or the user's overrides).
   *
   * @return the library
   */
  PromptLibrary prompts();

  /**
   * Returns the run's settings, for locating keys in messages, resolving paths and reading the {@code data:} section.
   *
   * @return the settings
   */
  ConfigView config();

  /**
   * Returns the method's main text field, which stages look at unless told otherwise.
   *
   * @return for example {@code instruction}
   */
  String textField();

  /**
   * Returns the run's embedder (the {@code embeddings:} section; the in-process MiniLM model by default), with vectors
   * cached in the run state.
   *
   * @return the embedder
   * @throws SynthkitException when the configured embedder is not available
   */
  Embedder embedder();

  /**
   * Returns the run's retriever (the {@code retrieval:} section), with results cached in the run state.
   *
   * @return the retriever
   * @throws SynthkitException when no retrieval section is configured
   */
  Retriever retriever();

  /**
   * Returns the sandbox for model-written code (the {@code sandbox:} section; GraalPy by default).
   *
   * @return the sandbox
   * @throws SynthkitException when no sandbox provider is available
   */
  CodeSandbox sandbox();

  /**
   * Returns the per-program limits from the {@code sandbox:} section.
   *
   * @return the limits
   */
  SandboxLimits sandboxLimits();

  /**
   * Records a dropped item in {@code rejected.jsonl}.
   *
   * @param rejection what and why
   */
  void reject(Rejection rejection);

  /**
   * Adds a figure to the manifest's {@code summary} (e.g. counts per stage).
   *
   * @param key the figure's name
   * @param value its value (a JSON tree, or anything Jackson can write)
   */
  void summary(String key, Object value);
}
