package io.synthkit.spark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synthkit.json.Json;
import io.synthkit.spi.RunStorageException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Writes the merged run's files whole and atomically: a reader never sees half a dataset. */
final class RunFiles {

  private RunFiles() {}

  static void writeLines(Path file, List<ObjectNode> lines) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        for (ObjectNode line : lines) {
          w.write(Json.write(line));
          w.write('\n');
        }
      }
      move(tmp, file);
    } catch (IOException e) {
      throw new RunStorageException("cannot write " + file + ": " + e.getMessage(), file, e);
    }
  }

  static void writeText(Path file, String text) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      move(tmp, file);
    } catch (IOException e) {
      throw new RunStorageException("cannot write " + file + ": " + e.getMessage(), file, e);
    }
  }

  private static void move(Path tmp, Path file) throws IOException {
    try {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
