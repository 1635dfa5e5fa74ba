/*
 * Red-team fixture for SandboxRedTeamTest: what a study's native code (System.load of a .so shipped in the
 * study) does in the sandbox when bwrap runs as root and keeps its capabilities. Built with
 *   gcc -shared -fPIC -O1 -s -o unhide.so unhide.c && base64 -w0 unhide.so > unhide-amd64.so.b64
 * It only acts on the working directory (the study folder): it unmounts the empty folder that hides the
 * committed reports, remounts the study folder read-write and creates one file in it, then says what worked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mount.h>
#include <unistd.h>

__attribute__((constructor)) static void unhide(void) {
  int umounted = umount2("reports", MNT_DETACH) == 0;
  int visible = access("reports/report.md", F_OK) == 0;
  int remounted = mount(NULL, ".", NULL, MS_REMOUNT | MS_BIND, NULL) == 0;
  int fd = open("planted-by-native-code.txt", O_CREAT | O_WRONLY, 0644);
  if (fd >= 0) {
    close(fd);
  }
  fprintf(stderr, "NATIVE umounted=%d committed_visible=%d remounted=%d planted=%d\n", umounted, visible,
      remounted, fd >= 0);
}
