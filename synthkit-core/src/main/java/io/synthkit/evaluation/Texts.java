package io.synthkit.evaluation;

import io.synthkit.spi.DataRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a dataset that have a non-blank text at the evaluated field, with their ids and texts in file order.
 * Lexical and embedding metrics are computed over these; records without text would otherwise count as empty texts.
 *
 * @param records the records with text
 * @param ids their ids
 * @param texts their texts
 */
record Texts(List<DataRecord> records, List<String> ids, List<String> texts) {

  static Texts of(List<DataRecord> all, FieldPath field) {
    List<DataRecord> records = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (DataRecord r : all) {
      String t = field.text(r);
      if (t != null && !t.isBlank()) {
        records.add(r);
        ids.add(r.id());
        texts.add(t);
      }
    }
    return new Texts(records, ids, texts);
  }

  int size() {
    return texts.size();
  }
}
