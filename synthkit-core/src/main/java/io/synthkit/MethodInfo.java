package io.synthkit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.synthkit.config.Binder;
import io.synthkit.json.Json;
import io.synthkit.spi.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * Describes a method for {@code synthkit methods} and the README: its roles and every parameter with its default and
 * meaning, read from the parameter record itself so the listing cannot drift from the code.
 *
 * @param name the method name
 * @param description one line
 * @param roles the model roles it uses
 * @param params its parameters
 */
public record MethodInfo(String name, String description, List<String> roles, List<Param> params) {

  /**
   * One parameter.
   *
   * @param key the config key
   * @param defaultValue the default, as JSON ({@code null} when unset by default)
   * @param description what it does
   */
  public record Param(String key, JsonNode defaultValue, String description) {}

  /**
   * Describes a method.
   *
   * @param method the method
   * @return its description
   */
  public static MethodInfo of(Method<?> method) {
    Object defaults = Binder.inMemory().bind(null, method.paramsType(), method.name());
    JsonNode values = Json.tree(defaults);
    List<Param> params = new ArrayList<>();
    if (method.paramsType().isRecord()) {
      for (RecordComponent c : method.paramsType().getRecordComponents()) {
        // Jackson's annotations target fields, methods and parameters, so on a record they land on the accessor.
        JsonProperty prop = c.getAccessor().getAnnotation(JsonProperty.class);
        JsonPropertyDescription desc = c.getAccessor().getAnnotation(JsonPropertyDescription.class);
        String key = prop != null && !prop.value().isEmpty() ? prop.value() : c.getName();
        params.add(new Param(key, values.get(key), desc == null ? "" : desc.value()));
      }
    }
    return new MethodInfo(method.name(), method.description(), method.roles(), params);
  }
}
