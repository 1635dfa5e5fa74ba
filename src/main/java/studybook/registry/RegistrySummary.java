package studybook.registry;

import java.nio.file.Path;

/**
 * What one run of {@link RegistryGenerator} wrote.
 *
 * @param file the CSV written
 * @param rows patient rows (the header not counted)
 * @param seed the seed that fixes every byte
 * @param bytes size of the file
 * @param recurrences rows with recurrence = 1
 * @param additionalTreatments rows with additional_treatment = yes
 */
public record RegistrySummary(Path file, long rows, long seed, long bytes, long recurrences, long additionalTreatments) {}
