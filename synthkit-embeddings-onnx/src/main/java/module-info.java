/** The in-process all-MiniLM-L6-v2 embedder (quantized ONNX), provider {@code local}. */
module io.synthkit.embed.onnx {
  requires static org.jspecify;
  requires io.synthkit;
  requires com.microsoft.onnxruntime;
  requires ai.djl.tokenizers;
  requires langchain4j.embeddings.all.minilm.l6.v2.q;

  exports io.synthkit.embed.onnx to io.synthkit.bench;

  provides io.synthkit.spi.EmbedderProvider with io.synthkit.embed.onnx.MiniLmEmbedderProvider;
}
