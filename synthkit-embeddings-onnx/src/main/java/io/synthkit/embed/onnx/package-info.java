/**
 * In-process sentence embeddings on ONNX Runtime: {@link io.synthkit.embed.onnx.MiniLmEmbedder}, registered as
 * embeddings provider {@code local}.
 */
@NullMarked
package io.synthkit.embed.onnx;

import org.jspecify.annotations.NullMarked;
