package studybook.cli;

import studybook.report.NumberStyle.Plain;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * A training run for an application class-data archive (AppCDS): runs the ad-hoc commands and a small
 * study once inside one JVM so that {@code -XX:ArchiveClassesAtExit} records every class they load. The
 * launcher runs it once per built jar; nothing else should call it. Its data are made up here (a
 * generic two-arm cohort of 300 rows): which classes load depends on the code paths, not on a study.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  private static void run(String... args) {
    int code = Main.execute(args);
    if (code != 0) {
      throw new IllegalStateException("the class-data training command " + String.join(" ", args) + " exited " + code);
    }
  }

  /** 300 rows: arm a/b, age, sex, a three-level stage, a follow-up time and an event (yes/no). */
  private static void writeData(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(1);
    StringBuilder csv = new StringBuilder("id,arm,age,sex,stage,size,time,event\n");
    for (int i = 1; i <= 300; i++) {
      boolean b = random.nextDouble() < 0.5;
      int stage = random.nextInt(3);
      double risk = -1.0 + (b ? 0.7 : 0) + 0.5 * stage;
      csv.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%s,%s,%s,%s%n", i, b ? "b" : "a",
          40 + random.nextInt(40), random.nextDouble() < 0.5 ? "male" : "female", "I".repeat(stage + 1),
          Plain.fixed(2 + 10 * random.nextDouble(), 1), Plain.fixed(1 + 100 * random.nextDouble(), 1),
          random.nextDouble() < 1 / (1 + Math.exp(-risk)) ? "yes" : "no"));
    }
    Files.writeString(file, csv.toString());
  }

  /**
   * A small study over the data with the facilities a clinical study uses (a codebook; group, Table 1 and
   * logistic tables; forest, Kaplan-Meier and flow figures; a claims check), so that the archive also
   * holds the classes of a study's cells and their rendering, not only of the ad-hoc commands.
   */
  private static Path trainingStudy(Path study, Path data) throws IOException {
    Files.createDirectories(study.resolve("analysis"));
    Files.createDirectories(study.resolve("templates"));
    Files.createDirectories(study.resolve("data"));
    Files.copy(data, study.resolve("data/training.csv"));
    Files.writeString(study.resolve("study.properties"), String.join("\n",
        "title=Class-data training study", "data=data/training.csv", "codebook=data/codebook.csv",
        "claims=analysis/claims.csv", "seed=1",
        "synthetic=true", "synthetic.note=Training data for the class-data archive.", ""));
    Files.writeString(study.resolve("data/codebook.csv"), String.join("\n",
        "variable,label,type,levels,level_labels,unit,min,max,missing,required,summary,description",
        "id,Id,id,,,,,,,no,,",
        "arm,Arm,binary,a|b,A|B,,,,,no,,",
        "age,Age,integer,,,years,0,120,,no,mean_sd,",
        "sex,Sex,binary,male|female,Male|Female,,,,,no,,",
        "stage,Stage,categorical,I|II|III,I|II|III,,,,,no,,",
        "size,Size,continuous,,,mm,0,100,,no,median_iqr,",
        "time,Follow-up,continuous,,,months,0,200,,no,median_iqr,",
        "event,Event,binary,no|yes,No|Yes,,,,,no,,", ""));
    Files.writeString(study.resolve("analysis/Training.java"), String.join("\n",
        "import java.util.ArrayList;",
        "import java.util.LinkedHashMap;",
        "import java.util.List;",
        "import java.util.Map;",
        "import studybook.claims.ClaimsFile;",
        "import studybook.claims.ClaimsReport;",
        "import studybook.data.*;",
        "import studybook.kernel.Cell;",
        "import studybook.kernel.ResultJson;",
        "import studybook.report.figures.*;",
        "import studybook.tables.*;",
        "public class Training {",
        "  @Cell(\"Characteristics by arm\")",
        "  public GroupTable characteristics(Frame data, Codebook codebook) {",
        "    return GroupTable.of(\"characteristics\", data, codebook, \"arm\", List.of(\"age\", \"sex\", \"stage\"));",
        "  }",
        "  @Cell(\"Table 1 by arm\")",
        "  public GroupTable table1(Frame data) {",
        "    return Table1.of(data).by(\"arm\").variables(\"age\", \"sex\", \"stage\", \"size\")"
            + ".dichotomous(\"sex\", \"female\").build();",
        "  }",
        "  @Cell(\"The events by arm: univariable and multivariable logistic regression\")",
        "  public RegressionTable model(Frame data) {",
        "    return RegressionTable.logistic(data, \"event\", \"yes\", List.of(\"arm\", \"age\", \"sex\", \"stage\", \"size\"),",
        "        List.of(\"arm\", \"age\", \"stage\"));",
        "  }",
        "  @Cell(\"Odds ratios\")",
        "  public ForestPlot odds(RegressionTable model) {",
        "    List<ForestRow> rows = new ArrayList<>();",
        "    for (RegressionRow r : model.entries()) {",
        "      if (r.multivariable() != null) {",
        "        TermRow t = r.multivariable();",
        "        rows.add(ForestRow.of(r.label(), new OddsRatioEstimate(t.oddsRatio(), t.ciLow(), t.ciHigh())));",
        "      }",
        "    }",
        "    return new ForestPlot(\"Events\", \"Maximum likelihood, Wald 95% CI\", \"\", rows);",
        "  }",
        "  @Cell(\"Event-free survival by arm\")",
        "  public KmPlot survival(Frame data) {",
        "    return KmPlot.of(data, Surv.of(\"time\", \"event\", \"yes\").by(\"arm\"), \"Event-free survival\");",
        "  }",
        "  @Cell(\"Patients\")",
        "  public FlowBox flow(Frame data) {",
        "    return FlowBox.of(\"Cohort\", data.rowCount());",
        "  }",
        "  @Cell(\"Claims\")",
        "  public ClaimsReport reproducibility(Map<String, String> settings, ClaimsFile claims, GroupTable table1) {",
        "    Map<String, Object> results = new LinkedHashMap<>();",
        "    results.put(\"table1\", table1);",
        "    return ClaimsReport.of(settings.get(\"claims\"), claims, ResultJson.published(results));",
        "  }",
        "}", ""));
    Files.writeString(study.resolve("analysis/claims.csv"), String.join("\n",
        "id,text,printed,kind,result,compare,note",
        "n,300 patients,300,count,table1.n,,",
        "n_a,patients in arm a,1,count,table1.groupSizes.0,,",
        "check_n,a + b = n,,consistency,\"sum(n_a, n_a) = n\",,", ""));
    Files.writeString(study.resolve("templates/report.md.ftl"), String.join("\n",
        "# ${fmt.md(study.title)}", "",
        "| Characteristic | P |", "|---|---:|",
        "<#list characteristics.entries as r><#if r.style != \"level\">| ${fmt.md(r.label)} | ${fmt.p(r.p)} |",
        "</#if></#list>", "",
        "<@table table1/>", "", "<@table model/>", "", "${figure(\"odds\")}", "", "${figure(\"survival\")}", "",
        "<@table reproducibility/>", "", "${figure(\"flow\")}", ""));
    Files.writeString(study.resolve("templates/page.html.ftl"), String.join("\n",
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>${title}</title>",
        "<style>${css}</style></head><body>${header}${toc}<main>${content}</main></body></html>", ""));
    return study;
  }

  /** The ad-hoc commands and a study run, on the made-up data, with their output thrown away. */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("studybook-cds");
    PrintStream out = System.out;
    try {
      Path data = dir.resolve("training.csv");
      writeData(data);
      String file = data.toString();
      String terms = "age,sex,stage,size,arm";
      System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, java.nio.charset.StandardCharsets.UTF_8));
      run("--version");
      run("describe", "--data", file, "--by", "arm", "--vars", "age,sex,stage,size,event", "--json");
      run("logistic", "--data", file, "--outcome", "event", "--event", "yes", "--terms", terms, "--json");
      run("survival", "--data", file, "--time", "time", "--event", "event", "--event-value", "yes", "--by", "arm",
          "--json");
      // A whole study run too, so the archive also holds what a report needs (the kernel, FreeMarker,
      // flexmark, the SVG figures and POI): in a cold JVM loading those classes was most of a render.
      Path study = trainingStudy(dir.resolve("study"), data);
      run("run", "--study", study.toString(), "--quiet", "--no-cache");
      run("check", "--study", study.toString(), "--quiet");
    } finally {
      System.setOut(out);
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
