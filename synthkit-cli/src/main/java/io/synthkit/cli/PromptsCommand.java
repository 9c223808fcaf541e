package io.synthkit.cli;

import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code synthkit prompts}: lists, shows or exports the built-in prompt templates. */
@Command(name = "prompts", mixinStandardHelpOptions = true,
    description = {"List, show or export the prompt templates. Export them, edit the copies, and point a config's"
        + " prompts_dir at the directory to change what synthkit asks the model.",
        "  synthkit prompts list | synthkit prompts show NAME | synthkit prompts export DIR"})
final class PromptsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ACTION", description = "list, show or export")
  String action;

  @Parameters(index = "1", arity = "0..1", paramLabel = "ARG", description = "prompt name (show) or directory (export)")
  String arg;

  @Override
  public Integer call() {
    switch (action) {
      case "list" -> PromptLibrary.builtInNames().forEach(System.out::println);
      case "show" -> System.out.println(PromptLibrary.defaults().source(require("a prompt name")));
      case "export" -> {
        Path dir = Path.of(require("a directory"));
        PromptLibrary.Exported exported = PromptLibrary.exportBuiltIns(dir);
        exported.skipped().forEach(f -> System.err.println("skipped (exists): " + f));
        System.out.println("wrote " + exported.written().size() + " prompt files to " + dir + "; set prompts_dir: "
            + dir + " in a config");
      }
      default -> throw SynthkitException.input("unknown action '" + action + "'; use list, show or export");
    }
    return 0;
  }

  private String require(String what) {
    if (arg == null) {
      throw SynthkitException.input("prompts " + action + " needs " + what);
    }
    return arg;
  }
}
