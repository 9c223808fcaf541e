package io.synthkit.method;

import io.synthkit.SynthkitException;
import io.synthkit.method.advisor.DataAdvisor;
import io.synthkit.method.aide.Aide;
import io.synthkit.method.datagen.DataGen;
import io.synthkit.method.reversegen.ReverseGen;
import io.synthkit.method.selfinstruct.SelfInstruct;
import io.synthkit.method.selfref.SelfReference;
import io.synthkit.run.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The registry of built-in methods. */
public final class Methods {

  private static final List<Method<?>> ALL = List.of(new SelfInstruct(), new DataAdvisor(), new SelfReference(),
      new ReverseGen(), new Aide(), new DataGen());

  private Methods() {}

  /**
   * Returns every method.
   *
   * @return the methods, in registration order
   */
  public static List<Method<?>> all() {
    return ALL;
  }

  /**
   * Returns every method name.
   *
   * @return the names
   */
  public static Set<String> names() {
    Set<String> out = new LinkedHashSet<>();
    ALL.forEach(m -> out.add(m.name()));
    return out;
  }

  /**
   * Finds a method by name.
   *
   * @param name the name
   * @return the method
   * @throws SynthkitException naming the available methods
   */
  public static Method<?> find(String name) {
    return ALL.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> SynthkitException.input("unknown method '" + name + "'; available: "
            + String.join(", ", new TreeSet<>(names()))));
  }
}
