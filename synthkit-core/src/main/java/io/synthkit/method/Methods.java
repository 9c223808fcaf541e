package io.synthkit.method;

import io.synthkit.spi.Method;
import io.synthkit.spi.SynthkitException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The registry of methods: the built-in ones and any other on the class path or module path, found like the other
 * plug-ins through {@link ServiceLoader} ({@code provides io.synthkit.spi.Method with ...} in a module, or a
 * {@code META-INF/services/io.synthkit.spi.Method} file). A second method with a name already taken is an error.
 */
public final class Methods {

  private static volatile @Nullable Map<String, Method<?>> loaded;

  private Methods() {}

  private static Map<String, Method<?>> registry() {
    Map<String, Method<?>> m = loaded;
    if (m == null) {
      synchronized (Methods.class) {
        m = loaded;
        if (m == null) {
          m = load(ServiceLoader.load(Method.class, Methods.class.getClassLoader()));
          loaded = m;
        }
      }
    }
    return m;
  }

  @SuppressWarnings("rawtypes")
  private static Map<String, Method<?>> load(ServiceLoader<Method> loader) {
    Map<String, Method<?>> out = new LinkedHashMap<>();
    for (Method<?> method : loader) {
      Method<?> other = out.putIfAbsent(method.name(), method);
      if (other != null && other.getClass() != method.getClass()) {
        throw new IllegalStateException("two methods are named '" + method.name() + "': " + other.getClass().getName()
            + " and " + method.getClass().getName());
      }
    }
    return out;
  }

  /**
   * Returns every method.
   *
   * @return the methods, built-in ones first
   */
  public static List<Method<?>> all() {
    return new ArrayList<>(registry().values());
  }

  /**
   * Returns every method name.
   *
   * @return the names
   */
  public static Set<String> names() {
    return registry().keySet();
  }

  /**
   * Finds a method by name.
   *
   * @param name the name
   * @return the method
   * @throws SynthkitException naming the available methods
   */
  public static Method<?> find(String name) {
    Method<?> m = registry().get(name);
    if (m == null) {
      throw SynthkitException.input("unknown method '" + name + "'; available: "
          + String.join(", ", new TreeSet<>(names())));
    }
    return m;
  }
}
