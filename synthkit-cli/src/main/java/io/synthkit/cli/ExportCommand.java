package io.synthkit.cli;

import io.synthkit.Export;
import io.synthkit.Synthkit;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit export RUN_DIR --format F --out FILE}: writes a training file and its dataset card. */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Export a run (or any JSONL) for training: jsonl (plain data), openai-chat, alpaca, sharegpt, dpo"
        + " (TRL prompt/chosen/rejected), openai-dpo, parquet. A dataset card <name>.README.md is written beside the file.",
        "Roles: system, prompt, input, response, chosen, rejected; defaults come from the method (self-instruct"
        + " instruction/input/output, data-advisor prompt/response, datagen text/label) or the usual field names."})
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run directory (or a JSONL file)")
  Path source;

  @Option(names = "--format", required = true, paramLabel = "F", description = "jsonl, openai-chat, alpaca,"
      + " sharegpt, dpo, openai-dpo or parquet")
  String format;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "the file to write")
  Path out;

  @Option(names = "--map", paramLabel = "ROLE=PATH,...", description = "field mapping, e.g."
      + " prompt=data.question,response=data.answer (overrides the defaults role by role)")
  String map;

  @Option(names = "--map-file", paramLabel = "FILE", description = "field mapping as a YAML/JSON object"
      + " {prompt: data.question, ...}")
  Path mapFile;

  @Option(names = "--mix", paramLabel = "FILE", description = "mix in another dataset (Alpagasus/Alpaca"
      + " instruction/input/output, or prompt/response JSONL)")
  Path mix;

  @Option(names = "--mix-ratio", paramLabel = "R", description = "mixed rows per generated row (default: all rows"
      + " of --mix, as Data Advisor's training code)")
  Double mixRatio;

  @Option(names = "--seed", defaultValue = "42", description = "seed of the mix sample and shuffle (default"
      + " ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--no-card", description = "do not write the dataset card")
  boolean noCard;

  @Option(names = "--spark", paramLabel = "MASTER", description = "export as Spark jobs on MASTER (local[4],"
      + " spark://host:7077, yarn, ...): the same rows; parquet is a directory written by Spark. Needs the"
      + " synthkit-spark module, which bin/synthkit adds when --spark is given")
  String spark;

  @Option(names = "--partition-by", split = ",", paramLabel = "COL[,COL]", description = "with --spark and"
      + " --format parquet: partition the directory by shard (a merged run's meta.shard) or by fields of the rows,"
      + " e.g. category")
  java.util.List<String> partitionBy = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    if (mixRatio != null && mix == null) {
      throw SynthkitException.input("--mix-ratio needs --mix FILE");
    }
    if (spark != null) {
      if (mix != null) {
        throw SynthkitException.input("--mix is not built for a Spark export (it samples and shuffles the whole"
            + " dataset on one machine): export without --spark to mix");
      }
      GenerateCommand.scaleOut("spark", "export").export(source, format, out, partitionBy, map, mapFile, !noCard, spark)
          .forEach(System.out::println);
      return 0;
    }
    if (!partitionBy.isEmpty()) {
      throw SynthkitException.input("--partition-by needs --spark (the single-machine parquet export writes one file):"
          + " " + partitionBy);
    }
    Export export = Export.of(source, Export.Format.of(format), out).withMapping(map).withMappingFile(mapFile)
        .withCard(!noCard);
    Export.Result r = Synthkit.export(mix == null ? export : export.withMix(mix, mixRatio).withSeed(seed));
    System.out.printf(Locale.ROOT, "exported %d rows (%d from the run%s) as %s to %s%n", r.rows(), r.fromRun(),
        r.mixed() > 0 ? ", " + r.mixed() + " mixed in" : "", r.format().wire(), r.out());
    System.out.println("mapping: " + r.mapping());
    r.notes().forEach(n -> System.out.println("note: " + n));
    if (r.card() != null) {
      System.out.println("dataset card: " + r.card());
    }
    return 0;
  }
}
