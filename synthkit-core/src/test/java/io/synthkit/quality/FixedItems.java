package io.synthkit.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.Method;
import io.synthkit.spi.RunContext;
import java.util.ArrayList;
import java.util.List;

/** A test method that offers a fixed list of items, so quality stages are tested apart from any generator. */
final class FixedItems implements Method<FixedItems.Params> {

  static final String NAME = "fixed";

  record Params(List<ObjectNode> items, @JsonProperty("text_field") String textField) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "offers the items of its config section";
  }

  @Override
  public Class<Params> paramsType() {
    return Params.class;
  }

  @Override
  public List<String> roles() {
    return List.of();
  }

  @Override
  public void run(RunContext ctx, Params p) {
    ctx.declareTextField(p.textField() == null ? "question" : p.textField());
    List<DataRecord> records = new ArrayList<>();
    for (int i = 0; i < p.items().size(); i++) {
      records.add(new DataRecord("item-" + i, p.items().get(i), null));
    }
    ctx.acceptAll(records);
  }
}
