package io.synthkit.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synthkit.MethodInfo;
import io.synthkit.Synthkit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synthkit methods}: lists the methods with their roles and parameters. */
@Command(name = "methods", mixinStandardHelpOptions = true,
    description = "List the methods, the model roles each uses, and every parameter with its default.")
final class MethodsCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "METHOD", description = "show only this method")
  String only;

  @Option(names = "--json", description = "print JSON")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    List<MethodInfo> infos = only == null ? Synthkit.methods() : List.of(Synthkit.method(only));
    if (json) {
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(infos));
      return 0;
    }
    for (MethodInfo m : infos) {
      System.out.println(m.name() + " - " + m.description());
      System.out.println("  roles: " + String.join(", ", m.roles()) + " (each falls back to models.default)");
      System.out.println("  parameters (section '" + m.name() + ":'):");
      for (MethodInfo.Param p : m.params()) {
        String def = p.defaultValue() == null || p.defaultValue().isNull() ? "-" : p.defaultValue().toString();
        System.out.printf("    %-24s %-14s %s%n", p.key(), def, p.description());
      }
      System.out.println();
    }
    return 0;
  }
}
