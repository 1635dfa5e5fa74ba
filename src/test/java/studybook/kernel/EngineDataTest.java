package studybook.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import studybook.StudybookException;

/**
 * Data an engine reads where they lie (a folder of part files, a cluster path): the record their hash is of (every
 * file's path, size and SHA-256 in path order, no location or time), and what a study opened for such an engine
 * takes as its data; the local engine refuses a folder or a URI with the reason.
 */
class EngineDataTest {
  @TempDir Path tmp;

  static final String A = "a".repeat(64);
  static final String B = "b".repeat(64);

  @Test
  void theFoldersHashIsOfItsFilesInPathOrderAndChangesWithAnyOfThem() {
    RunInputs.EngineData d = RunInputs.EngineData.ofFolder(List.of(new RunInputs.Part("part-1.parquet", 20, B),
        new RunInputs.Part("part-0.parquet", 10, A)));
    assertEquals("studybook data files 1\npart-0.parquet\t10\t" + A + "\npart-1.parquet\t20\t" + B + "\n",
        RunInputs.EngineData.record(d.parts()));
    assertEquals(Hashes.of(RunInputs.EngineData.record(d.parts())), d.hash());
    assertEquals("part-0.parquet", d.parts().get(0).path());
    // the order the files were listed in does not matter; a byte, a size, a name or a file more does
    assertEquals(d.hash(), RunInputs.EngineData.ofFolder(List.of(new RunInputs.Part("part-0.parquet", 10, A),
        new RunInputs.Part("part-1.parquet", 20, B))).hash());
    for (List<RunInputs.Part> other : List.of(
        List.of(new RunInputs.Part("part-0.parquet", 10, A), new RunInputs.Part("part-1.parquet", 20, A)),
        List.of(new RunInputs.Part("part-0.parquet", 11, A), new RunInputs.Part("part-1.parquet", 20, B)),
        List.of(new RunInputs.Part("part-2.parquet", 10, A), new RunInputs.Part("part-1.parquet", 20, B)),
        List.of(new RunInputs.Part("part-0.parquet", 10, A)))) {
      assertNotEquals(d.hash(), RunInputs.EngineData.ofFolder(other).hash(), other.toString());
    }
  }

  @Test
  void aStudyOpenedForAnEngineTakesAFolderOrAUriAndKeepsALocalFileAFile() throws IOException {
    Path study = MiniStudy.copy(tmp.resolve("s"));
    Path folder = Files.createDirectories(tmp.resolve("registry"));
    Study s = Study.openForEngine(study, Optional.of(folder.toString()));
    String uri = folder.toUri().toString().replaceAll("/$", "");
    assertEquals(Optional.of(uri), s.dataLocation());
    assertEquals(uri, s.display(s.data()));
    assertTrue(s.inputs().containsKey(uri), s.inputs().toString());
    Study remote = Study.openForEngine(study, Optional.of("hdfs:///registry/2026"));
    assertEquals(Optional.of("hdfs:///registry/2026"), remote.dataLocation());
    assertEquals("2026", remote.data().getFileName().toString());
    assertEquals("hdfs:///registry/2026", remote.settings().get("data"));
    // a local file, by path or file:// URI, is the file: hashed from its bytes as for the local engine
    Path file = tmp.resolve("registry.csv");
    Files.writeString(file, "x\n1\n");
    assertEquals(Optional.empty(), Study.openForEngine(study, Optional.of(file.toUri().toString())).dataLocation());
    assertEquals(file, Study.openForEngine(study, Optional.of(file.toUri().toString())).data());
    // the local engine: a folder is refused with the reason, and the engine's inputs are refused without an engine
    StudybookException e = assertThrows(StudybookException.class, () -> Study.open(study, Optional.of(folder)));
    assertTrue(e.getMessage().contains("is a folder; only the Spark engine reads a folder"), e.getMessage());
    StudybookException locked = assertThrows(StudybookException.class, () -> RunInputs.lockAndRead(remote));
    assertTrue(locked.getMessage().contains("hdfs:///registry/2026 are read by an engine"), locked.getMessage());
  }

  @Test
  void theEnginesHashIsTheManifestsInputHashAndItsFilesAreListed() throws IOException {
    Path study = MiniStudy.copy(tmp.resolve("s2"));
    Study remote = Study.openForEngine(study, Optional.of("s3a://bucket/registry"));
    RunInputs.EngineData d = RunInputs.EngineData.ofFolder(List.of(new RunInputs.Part("part-0.csv", 4, A)));
    try (RunInputs in = RunInputs.lockAndRead(remote, null, location -> {
      assertEquals("s3a://bucket/registry", location);
      return d;
    })) {
      assertEquals(d.hash(), in.hashes().get("s3a://bucket/registry"));
      assertEquals(d.parts(), in.parts().get("s3a://bucket/registry"));
    }
  }
}
