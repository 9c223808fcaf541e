/**
 * synthkit: turns a handful of seed examples into large, diverse, verified training datasets with language models.
 *
 * <p>The published API is three packages: {@link io.synthkit} (the facade: load or build a run, run it, read,
 * evaluate, report and export it), {@link io.synthkit.spi} (what methods, quality stages and providers are written
 * against) and {@link io.synthkit.sim} (the model simulator, for trying synthkit out and for tests). Everything else
 * is internal and may change in any release; {@code docs/api.md} lists the published types.
 *
 * <p>The module is open because run configs and model replies are bound to records by Jackson and victools, which
 * read them reflectively.
 */
open module io.synthkit {
  requires static org.jspecify;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.core;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires com.github.victools.jsonschema.generator;
  requires com.github.victools.jsonschema.module.jackson;
  requires com.networknt.schema;
  requires com.samskivert.jmustache;
  requires jtokkit;
  requires io.helidon.webserver;
  requires io.helidon.http;
  requires io.helidon.common;
  requires io.helidon.common.buffers;
  requires org.apache.httpcomponents.client5.httpclient5;
  requires org.apache.httpcomponents.core5.httpcore5;
  requires org.slf4j;
  requires java.net.http;
  requires java.sql;
  requires org.xerial.sqlitejdbc;

  exports io.synthkit;
  exports io.synthkit.spi;
  exports io.synthkit.sim;

  // Our own plug-in modules and benchmarks reach into a few internals; users (and the CLI) cannot.
  exports io.synthkit.retrieval to io.synthkit.lucene;
  exports io.synthkit.data to io.synthkit.bench;
  exports io.synthkit.dedup to io.synthkit.bench;
  exports io.synthkit.json to io.synthkit.bench;
  exports io.synthkit.llm to io.synthkit.bench;
  exports io.synthkit.run to io.synthkit.bench;
  exports io.synthkit.vector to io.synthkit.bench;

  uses io.synthkit.spi.Method;
  uses io.synthkit.spi.EmbedderProvider;
  uses io.synthkit.spi.RetrieverProvider;
  uses io.synthkit.spi.SandboxProvider;
  uses io.synthkit.spi.TableWriter;

  provides io.synthkit.spi.Method with
      io.synthkit.method.selfinstruct.SelfInstruct,
      io.synthkit.method.advisor.DataAdvisor,
      io.synthkit.method.selfref.SelfReference,
      io.synthkit.method.reversegen.ReverseGen,
      io.synthkit.method.aide.Aide,
      io.synthkit.method.datagen.DataGen;
  provides io.synthkit.spi.EmbedderProvider with
      io.synthkit.embed.HashingEmbedderProvider,
      io.synthkit.llm.OpenAiEmbedderProvider;
  provides io.synthkit.spi.RetrieverProvider with io.synthkit.retrieval.WikipediaRetrieverProvider;
}
