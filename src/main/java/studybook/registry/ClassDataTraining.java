package studybook.registry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import studybook.cli.Main;

/**
 * A training run for an application class-data archive (AppCDS): runs the ad-hoc commands once on a
 * small registry inside one JVM so that {@code -XX:ArchiveClassesAtExit} records every class they load.
 * The launcher runs it once per built jar; nothing else should call it.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  private static void run(String... args) {
    int code = Main.execute(args);
    if (code != 0) {
      throw new IllegalStateException("the class-data training command " + String.join(" ", args) + " exited " + code);
    }
  }

  /** A small study over the registry file: a codebook, a table cell, a figure cell, a report and a page. */
  private static Path trainingStudy(Path study, Path data) throws IOException {
    Files.createDirectories(study.resolve("analysis"));
    Files.createDirectories(study.resolve("templates"));
    Files.createDirectories(study.resolve("data"));
    Files.copy(data, study.resolve("data/registry.csv"));
    Files.writeString(study.resolve("study.properties"), String.join("\n",
        "title=Class-data training study", "data=data/registry.csv", "codebook=data/codebook.csv", "seed=1",
        "synthetic=true", "synthetic.note=Training data for the class-data archive.", ""));
    StringBuilder codebook = new StringBuilder(
        "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description\n");
    for (String column : RegistryGenerator.COLUMNS) {
      codebook.append(column).append(',').append(column).append(',').append(switch (column) {
        case "patient_id" -> "id,,,,,,,no,,";
        case "age", "tumor_size_mm", "followup_months", "recurrence" -> "continuous,,,,,,,no,mean_sd,";
        default -> "categorical," + String.join("|", levels(data, column)) + ",,,,,,no,,";
      }).append('\n');
    }
    Files.writeString(study.resolve("data/codebook.csv"), codebook.toString());
    Files.writeString(study.resolve("analysis/Training.java"), String.join("\n",
        "import java.util.List;",
        "import studybook.data.Codebook;",
        "import studybook.data.Frame;",
        "import studybook.kernel.Cell;",
        "import studybook.report.figures.FlowBox;",
        "import studybook.tables.GroupTable;",
        "public class Training {",
        "  @Cell(\"Characteristics by curative resection\")",
        "  public GroupTable characteristics(Frame data, Codebook codebook) {",
        "    return GroupTable.of(\"characteristics\", data, codebook, \"curative\", List.of(\"age\", \"sex\", \"grade\"));",
        "  }",
        "  @Cell(\"Patients\")",
        "  public FlowBox flow(Frame data) {",
        "    return FlowBox.of(\"Registry\", data.rowCount());",
        "  }",
        "}", ""));
    Files.writeString(study.resolve("templates/report.md.ftl"), String.join("\n",
        "# ${fmt.md(study.title)}", "",
        "| Characteristic | P |", "|---|---:|",
        "<#list characteristics.entries as r><#if r.style != \"level\">| ${fmt.md(r.label)} | ${fmt.p(r.p)} |",
        "</#if></#list>", "", "${figure(\"flow\")}", ""));
    Files.writeString(study.resolve("templates/page.html.ftl"), String.join("\n",
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>${title}</title>",
        "<style>${css}</style></head><body>${header}${toc}<main>${content}</main></body></html>", ""));
    return study;
  }

  /** The distinct values of a column of the generated file, for the training codebook's levels. */
  private static List<String> levels(Path data, String column) throws IOException {
    List<String> lines = Files.readAllLines(data);
    int index = List.of(lines.get(0).split(",", -1)).indexOf(column);
    java.util.TreeSet<String> values = new java.util.TreeSet<>();
    for (String line : lines.subList(1, lines.size())) {
      String v = line.split(",", -1)[index];
      if (!v.isEmpty() && !v.equals("NA")) {
        values.add(v);
      }
    }
    return List.copyOf(values);
  }

  /** The commands of the benchmark, on a small file, with their output thrown away. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("studybook-cds");
    PrintStream out = System.out;
    try {
      Path data = dir.resolve("registry.csv");
      RegistryGenerator.write(data, 300, 1);
      String file = data.toString();
      String terms = "age,sex,tumor_size_mm,initial_diagnosis,suspected_net,er_method,grade,lvi,resection_margin";
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8));
      run("--version");
      run("describe", "--data", file, "--by", "additional_treatment", "--vars", terms, "--json");
      run("logistic", "--data", file, "--outcome", "additional_treatment", "--event", "yes", "--terms", terms,
          "--json");
      run("survival", "--data", file, "--time", "followup_months", "--event", "recurrence", "--by", "curative",
          "--json");
      // A whole study run too, so the archive also holds what a report needs (the kernel, FreeMarker,
      // flexmark, the SVG figures and POI): in a cold JVM loading those classes was most of a render.
      Path study = trainingStudy(dir.resolve("study"), data);
      run("run", "--study", study.toString(), "--quiet", "--no-cache");
    } finally {
      System.setOut(out);
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
