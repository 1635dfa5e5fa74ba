package studybook;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.io.IOException;

/**
 * An I/O failure in words: the reason and the path. The JDK's {@code AccessDeniedException} and
 * {@code NoSuchFileException} carry only the path as their message, which read as a bare file name.
 */
public final class IoProblem {
  private IoProblem() {}

  /** "permission denied: /the/path" and the like; the other file too when the failure names two. */
  public static String describe(IOException e) {
    String reason;
    if (e instanceof AccessDeniedException) {
      reason = "permission denied";
    } else if (e instanceof NoSuchFileException) {
      reason = "no such file or folder";
    } else if (e instanceof FileAlreadyExistsException f) {
      // Met when a folder is wanted where a file is (a path component that is a file): say which it is.
      reason = f.getFile() != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(f.getFile()))
          ? "already exists, as a file" : "already exists";
    } else if (e instanceof DirectoryNotEmptyException) {
      reason = "folder not empty";
    } else if (e instanceof NotDirectoryException) {
      reason = "not a folder";
    } else if (e instanceof FileSystemException f) {
      reason = f.getReason() == null ? e.getClass().getSimpleName() : f.getReason();
    } else {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (e instanceof FileSystemException f && f.getReason() != null && !reason.equals(f.getReason())) {
      reason = reason + " (" + f.getReason() + ")";
    }
    if (e instanceof FileSystemException f && f.getFile() != null) {
      return reason + ": " + f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
    }
    return reason;
  }
}
