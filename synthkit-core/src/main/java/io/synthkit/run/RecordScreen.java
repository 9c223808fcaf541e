package io.synthkit.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.DataRecord;
import io.synthkit.spi.StageContext;
import java.util.List;

/**
 * Screens candidate records before they join the dataset. The configured quality stages are one; the run knows
 * nothing else of them, so the engine never depends on what is built on it.
 */
public interface RecordScreen {

  /** Lets every record through. */
  RecordScreen NONE = new RecordScreen() {
    @Override
    public boolean isEmpty() {
      return true;
    }

    @Override
    public List<DataRecord> run(List<DataRecord> candidates, StageContext ctx) {
      return candidates;
    }

    @Override
    public ObjectNode summary() {
      return Json.object();
    }
  };

  /**
   * Tells whether the screen lets everything through unchanged.
   *
   * @return true when there is nothing to apply
   */
  boolean isEmpty();

  /**
   * Screens records in order.
   *
   * @param candidates records in acceptance order
   * @param ctx the run, for models and components
   * @return the survivors, as the screen left them, in order
   */
  List<DataRecord> run(List<DataRecord> candidates, StageContext ctx);

  /**
   * Returns per-stage figures for the manifest.
   *
   * @return the summary
   */
  ObjectNode summary();
}
