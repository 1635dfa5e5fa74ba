package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;
import studybook.data.DataException;

/**
 * A study that declares a codebook gets data typed and validated by it, and the codebook as an
 * input; the claims file is an input the same way, so an edit to it alone re-runs what reads it.
 */
class CodebookStudyTest {
  @TempDir Path tmp;

  private Path studyWithCodebook() throws IOException {
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
        }
        """);
    return study;
  }

  @Test
  void dataFollowTheCodebookAndCellsCanReadIt() throws IOException {
    KernelRun run = Kernel.run(MiniStudy.open(studyWithCodebook()), RunOptions.defaults().quiet());
    assertEquals(List.of("surgical", "endoscopic"), run.result("groupLevels"));
    assertEquals("Age", run.result("ageLabel"));
  }

  @Test
  void dataThatBreakTheCodebookStopTheRunWithTheLine() throws IOException {
    Path study = studyWithCodebook();
    Path data = study.resolve("data/mini.csv");
    List<String> lines = Files.readAllLines(data);
    lines.set(2, lines.get(2).replace(",61,", ",610,"));
    Files.write(data, lines);
    DataException e = assertThrows(DataException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertEquals(3, e.first().line());
    assertEquals("age", e.first().column());
    assertEquals("610", e.first().value());
  }

  @Test
  void askingForACodebookThatIsNotDeclaredIsAClearError() throws IOException {
    Path study = studyWithCodebook();
    Path props = study.resolve("study.properties");
    Files.writeString(props, Files.readString(props).replace("codebook=data/codebook.csv", "data.categorical=event"));
    StudybookException e = assertThrows(StudybookException.class,
        () -> Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet()));
    assertTrue(e.getMessage().contains("study.properties names none"), e.getMessage());
  }

  @Test
  void editingOnlyTheClaimsFileRecomputesTheCellsThatReadIt() throws IOException {
    Path study = studyWithCodebook();
    Path props = study.resolve("study.properties");
    Files.writeString(props, Files.readString(props) + "claims=analysis/claims.csv\n");
    Path claims = study.resolve("analysis/claims.csv");
    MiniStudy.write(claims, "id,text,printed,kind,result,compare,note\nrows,12 patients,12,count,rows,exact,\n");
    MiniStudy.write(study.resolve("analysis/Claimed.java"), """
        import studybook.claims.ClaimsFile;
        import studybook.kernel.Cell;
        public class Claimed {
          @Cell public int claimCount(ClaimsFile claims) { return claims.claims().size(); }
        }
        """);
    KernelRun first = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(1, first.result("claimCount"));
    assertTrue(first.inputHashes().keySet().stream().anyMatch(k -> k.endsWith("claims.csv")),
        "the manifest's inputs name the claims file: " + first.inputHashes().keySet());

    KernelRun unchanged = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertTrue(unchanged.outcomes().stream().noneMatch(CellOutcome::computed), "nothing changed, nothing recomputed");

    Files.writeString(claims, Files.readString(claims) + "age_n,11 ages,11,count,rows,exact,\n");
    KernelRun edited = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertEquals(2, edited.result("claimCount"));
    CellOutcome claimCount = edited.outcomes().stream().filter(o -> o.name().equals("claimCount")).findFirst()
        .orElseThrow();
    assertEquals("input changed", claimCount.reason());
    assertTrue(edited.outcomes().stream().filter(o -> !o.name().equals("claimCount")).noneMatch(CellOutcome::computed),
        "cells that do not read the claims stay cached");
  }

  @Test
  void cellsReturningFramesAreCachedExactlySoASecondRunComputesNothing() throws IOException {
    Path study = studyWithCodebook();
    MiniStudy.write(study.resolve("analysis/Subset.java"), """
        import java.util.List;
        import studybook.data.Frame;
        import studybook.kernel.Cell;
        import tech.tablesaw.selection.Selection;
        public class Subset {
          @Cell public Frame endoscopic(Frame data) {
            int[] g = data.codes("group");
            List<Integer> rows = new java.util.ArrayList<>();
            for (int r = 0; r < g.length; r++) {
              if (g[r] == 1) {
                rows.add(r);
              }
            }
            return data.where(Selection.with(rows.stream().mapToInt(Integer::intValue).toArray()));
          }
          @Cell public String summary(Frame endoscopic) {
            return endoscopic.rowCount() + " rows, ages " + java.util.Arrays.toString(endoscopic.values("age"))
                + ", lines " + java.util.Arrays.toString(endoscopic.lines());
          }
        }
        """);
    KernelRun first = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    KernelRun second = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertTrue(second.outcomes().stream().noneMatch(CellOutcome::computed),
        "nothing changed, nothing computed: " + second.outcomes());
    studybook.data.Frame before = (studybook.data.Frame) first.result("endoscopic");
    studybook.data.Frame after = (studybook.data.Frame) second.result("endoscopic");
    assertEquals(ResultJson.hash(before), ResultJson.hash(after));
    assertEquals(before.levels("group"), after.levels("group"));
    assertTrue(java.util.Arrays.equals(before.codes("event"), after.codes("event")));
    assertEquals(first.result("summary"), second.result("summary"));

    try (java.util.stream.Stream<Path> files = Files.walk(study.resolve(".studybook/cache/endoscopic"))) {
      for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".json")
          && !f.getFileName().toString().equals("last.json")).toList()) {
        Files.writeString(f, Files.readString(f).replace("endoscopic", "surgical"));
      }
    }
    KernelRun third = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    CellOutcome endoscopic = third.outcomes().stream().filter(o -> o.name().equals("endoscopic")).findFirst()
        .orElseThrow();
    assertTrue(endoscopic.computed(), "a tampered frame entry is not trusted");
    assertEquals(first.result("summary"), third.result("summary"));

    // The frame's binary form altered (its last line number), with the entry's payload hash made to match:
    // the output hash no longer does, so the cell is computed again.
    try (java.util.stream.Stream<Path> files = Files.walk(study.resolve(".studybook/cache/endoscopic"))) {
      List<Path> frames = files.filter(f -> f.getFileName().toString().endsWith(".frame")).toList();
      assertEquals(1, frames.size(), "a frame is cached as its binary form: " + frames);
      Path frame = frames.get(0);
      byte[] bytes = Files.readAllBytes(frame);
      bytes[bytes.length - 1] ^= 1;
      Files.write(frame, bytes);
      Path entry = frame.resolveSibling(frame.getFileName().toString().replace(".frame", ".json"));
      com.fasterxml.jackson.databind.node.ObjectNode e = (com.fasterxml.jackson.databind.node.ObjectNode)
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(entry.toFile());
      e.put("payloadHash", Hashes.of(bytes));
      Files.write(entry, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(e));
    }
    KernelRun fourth = Kernel.run(MiniStudy.open(study), RunOptions.defaults().quiet());
    assertTrue(fourth.outcomes().stream().filter(o -> o.name().equals("endoscopic")).findFirst().orElseThrow()
        .computed(), "a frame whose values changed is not trusted");
    assertEquals(first.result("summary"), fourth.result("summary"));
  }
}
