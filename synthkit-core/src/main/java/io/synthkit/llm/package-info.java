/**
 * The model gateway: role handles over endpoints (OpenAI-compatible and Anthropic), structured output with schema
 * validation and repair, the response cache, usage metering and the budget. Internal; methods see it through
 * {@link io.synthkit.spi.Llm}.
 */
@NullMarked
package io.synthkit.llm;

import org.jspecify.annotations.NullMarked;
