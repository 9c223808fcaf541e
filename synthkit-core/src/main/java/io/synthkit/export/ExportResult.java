package io.synthkit.export;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What an export wrote.
 *
 * @param out the export file
 * @param card the dataset card, or null when none was asked for
 * @param format the format
 * @param rows rows written
 * @param fromRun rows from the run
 * @param mixed rows from the mix dataset
 * @param skipped run records left out because a role the format needs was empty
 * @param mapping the mapping used
 * @param notes what the user should know (skips, capped mix)
 */
public record ExportResult(Path out, @Nullable Path card, ExportFormat format, int rows, int fromRun, int mixed, int skipped,
    FieldMapping mapping, List<String> notes) {}
