package io.synthkit.cli;

import io.synthkit.spi.PromptLibrary;
import io.synthkit.spi.SynthkitException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
  public Integer call() throws IOException {
    switch (action) {
      case "list" -> PromptLibrary.builtInNames().forEach(System.out::println);
      case "show" -> System.out.println(PromptLibrary.defaults().source(require("a prompt name")));
      case "export" -> {
        Path dir = Path.of(require("a directory"));
        int n = 0;
        for (String name : PromptLibrary.builtInNames()) {
          Path file = dir.resolve(name + ".txt");
          if (Files.exists(file)) {
            System.err.println("skipped (exists): " + file);
            continue;
          }
          Files.createDirectories(file.getParent());
          Files.writeString(file, PromptLibrary.defaults().source(name), StandardCharsets.UTF_8);
          n++;
        }
        System.out.println("wrote " + n + " prompt files to " + dir + "; set prompts_dir: " + dir + " in a config");
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
