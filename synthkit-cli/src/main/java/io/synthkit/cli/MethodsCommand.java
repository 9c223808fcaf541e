package io.synthkit.cli;

import io.synthkit.MethodInfo;
import io.synthkit.json.Json;
import io.synthkit.method.Methods;
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
  public Integer call() {
    var infos = Methods.all().stream().filter(m -> only == null || m.name().equals(only)).map(MethodInfo::of)
        .toList();
    if (only != null && infos.isEmpty()) {
      Methods.find(only); // throws the "unknown method" error with the list
    }
    if (json) {
      System.out.println(Json.pretty(infos));
      return 0;
    }
    for (MethodInfo m : infos) {
      System.out.println(m.name() + " - " + m.description());
      System.out.println("  roles: " + String.join(", ", m.roles()) + " (each falls back to models.default)");
      System.out.println("  parameters (section '" + m.name() + ":'):");
      for (MethodInfo.Param p : m.params()) {
        String def = p.defaultValue() == null || p.defaultValue().isNull() ? "-" : Json.write(p.defaultValue());
        System.out.printf("    %-24s %-14s %s%n", p.key(), def, p.description());
      }
      System.out.println();
    }
    return 0;
  }
}
