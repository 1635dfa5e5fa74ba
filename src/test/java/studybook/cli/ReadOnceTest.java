package studybook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.FileReads;
import studybook.kernel.MiniStudy;

/**
 * Issue 21: a run reads and hashes each input once and hands those bytes and hashes to whoever needs them
 * (provenance, cache keys, render key, the loaders); the codebook is parsed once. Counted by the JDK's flight
 * recorder, so a read by any path counts.
 */
class ReadOnceTest {
  @TempDir Path tmp;

  /** The data format check of the readers reads the file's head (64 KiB) itself; that is not a read of the data. */
  private static final String HEAD_SNIFF = "studybook.data.readers.DataReaders.isPlainCsv";

  static Path studyWithCodebook(Path tmp) throws IOException {
    Path study = MiniStudy.copy(tmp);
    Files.delete(study.resolve("analysis/Cohort.java"));
    MiniStudy.write(study.resolve("templates/report.md.ftl"), "ok\n");
    MiniStudy.write(study.resolve("data/codebook.csv"), """
        variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description
        id,Patient,id,,,,,,,yes,,
        group,Treatment,categorical,surgical|endoscopic,Surgery|Endoscopy,,,,,yes,,
        age,Age,integer,,,years,18,100,,no,mean_sd,
        event,Event,binary,0|1,No|Yes,,,,,yes,,
        """);
    Path props = study.resolve("study.properties");
    Files.writeString(props, Files.readString(props).replace("data.categorical=event", "codebook=data/codebook.csv"));
    MiniStudy.write(study.resolve("analysis/Uses.java"), """
        import java.util.List;
        import studybook.data.Codebook;
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        public class Uses {
          @Cell public List<String> groupLevels(Frame data) { return data.levels("group"); }
          @Cell public String ageLabel(Codebook codebook) { return codebook.label("age"); }
          @Cell public boolean oneCodebook(Frame data, Codebook codebook) { return data.variable("age") == codebook.variable("age"); }
        }
        """);
    return study;
  }

  private static List<FileReads.Read> dataReads(FileReads reads, Path file) throws IOException {
    return reads.of(file).stream().filter(r -> !r.through(HEAD_SNIFF)).toList();
  }

  @Test
  void aRunReadsTheDataAndTheCodebookOnceWhetherCachedOrNot() throws IOException {
    Path study = studyWithCodebook(tmp);
    Path data = study.resolve("data/mini.csv");
    Path codebook = study.resolve("data/codebook.csv");
    for (List<String> extra : List.<List<String>>of(List.of(), List.of(), List.of("--no-cache"))) {
      List<String> args = new java.util.ArrayList<>(List.of("run", "--quiet", "--study", study.toString()));
      args.addAll(extra);
      try (FileReads reads = FileReads.start()) {
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.code(), run.err());
        assertEquals(1, dataReads(reads, data).size(), "the data file is read once by " + args + ": "
            + dataReads(reads, data));
        assertEquals(1, reads.of(codebook).size(), "the codebook is read once by " + args + ": " + reads.of(codebook));
        assertEquals(1, reads.of(study.resolve("study.properties")).size(),
            "study.properties is read once (parsed and hashed from the same bytes): " + reads.of(study.resolve("study.properties")));
      }
    }
    JsonNode results = studybook.cli.Json.mapper().readTree(study.resolve("reports/results.json").toFile());
    assertTrue(results.path("oneCodebook").asBoolean(), "the data and the cells share one parse of the codebook");
  }

  @Test
  void checkReadsTheDataOnce() throws IOException {
    Path study = studyWithCodebook(tmp);
    Path data = study.resolve("data/mini.csv");
    assertEquals(0, CliRun.of("run", "--quiet", "--study", study.toString()).code());
    try (FileReads reads = FileReads.start()) {
      CliRun check = CliRun.of("check", "--quiet", "--study", study.toString());
      assertEquals(0, check.code(), check.out() + check.err());
      assertEquals(1, dataReads(reads, data).size(), "check: " + dataReads(reads, data));
    }
  }
}
