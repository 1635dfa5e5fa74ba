package studybook.claims;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import studybook.Names;
import studybook.StudybookException;

/**
 * A parsed claims file: the published numbers in file order and the consistency checks among them.
 *
 * @param file where it was read from
 * @param claims one per published number
 * @param checks relations among the printed values
 */
public record ClaimsFile(Path file, List<Claim> claims, List<ConsistencyCheck> checks) {
  public ClaimsFile {
    claims = List.copyOf(claims);
    checks = List.copyOf(checks);
  }

  public Optional<Claim> find(String id) {
    return claims.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The claim with this id, or an error naming the nearest id. */
  public Claim claim(String id) {
    return find(id).orElseThrow(() -> new StudybookException(file + ": no claim '" + id + "'"
        + Names.didYouMean(id, claims.stream().map(Claim::id).toList())));
  }

  /** The claims that refer to {@code resultPath}, in file order. */
  public List<Claim> referringTo(String resultPath) {
    return claims.stream().filter(c -> c.result().equals(resultPath)).toList();
  }
}
