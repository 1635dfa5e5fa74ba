package studybook.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The seccomp filter of {@code --sandbox} with {@code processes=0} (the default): a classic BPF program, as
 * bubblewrap's {@code --seccomp FD} takes it, under which the sandboxed JVM may start threads but no
 * process. {@code clone} without {@code CLONE_THREAD}, {@code fork} and {@code vfork} fail with EPERM (so
 * {@code ProcessBuilder.start} throws, and nothing can be left running); {@code clone3} fails with ENOSYS,
 * which makes the C library create its threads with {@code clone}, whose flags the filter can read. A system
 * call from another architecture's table (x32, or 32-bit {@code int 0x80}) kills the process.
 *
 * <p>Written here because no maintained Java library writes seccomp programs: libseccomp is C, and its
 * Java bindings are not packaged. The program is ten instructions; {@code SandboxTest} proves it works.
 */
final class NoChildProcesses {
  // struct seccomp_data: int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]
  private static final int NR = 0;
  private static final int ARCH = 4;
  private static final int ARG0_LOW = 16; // little-endian: the low 32 bits of args[0]
  private static final int CLONE_THREAD = 0x00010000;
  private static final int X32_BIT = 0x40000000;

  private static final int LD_W_ABS = 0x20;
  private static final int JEQ_K = 0x15;
  private static final int JGE_K = 0x35;
  private static final int JSET_K = 0x45;
  private static final int RET_K = 0x06;

  private static final int RET_ALLOW = 0x7fff0000;
  private static final int RET_KILL_PROCESS = 0x80000000;
  private static final int RET_ERRNO = 0x00050000;
  private static final int EPERM = 1;
  private static final int ENOSYS = 38;

  private record Arch(String osArch, int auditArch, int cloneNr, int clone3Nr, List<Integer> forks, boolean x32) {}

  private static final List<Arch> ARCHES = List.of(
      new Arch("amd64", 0xC000003E, 56, 435, List.of(57, 58), true),
      new Arch("aarch64", 0xC00000B7, 220, 435, List.of(), false));

  private NoChildProcesses() {}

  /** The program for this JVM's architecture, or empty where the filter is not written for it. */
  static Optional<byte[]> program() {
    String arch = System.getProperty("os.arch");
    return ARCHES.stream().filter(a -> a.osArch.equals(arch) || (a.osArch.equals("amd64") && arch.equals("x86_64")))
        .findFirst().map(NoChildProcesses::program);
  }

  private static byte[] program(Arch a) {
    List<int[]> p = new ArrayList<>();
    // Jumps are relative to the next instruction; the returns at the end are laid out as:
    // [n-4] allow, [n-3] EPERM, [n-2] ENOSYS, [n-1] kill.
    p.add(new int[] {LD_W_ABS, 0, 0, ARCH});
    p.add(new int[] {JEQ_K, 0, Integer.MIN_VALUE /* -> kill */, a.auditArch});
    p.add(new int[] {LD_W_ABS, 0, 0, NR});
    if (a.x32) {
      p.add(new int[] {JGE_K, Integer.MIN_VALUE /* -> kill */, 0, X32_BIT});
    }
    for (int fork : a.forks) {
      p.add(new int[] {JEQ_K, -3 /* -> EPERM */, 0, fork});
    }
    p.add(new int[] {JEQ_K, -2 /* -> ENOSYS */, 0, a.clone3Nr});
    p.add(new int[] {JEQ_K, 0, -4 /* -> allow */, a.cloneNr});
    p.add(new int[] {LD_W_ABS, 0, 0, ARG0_LOW});
    p.add(new int[] {JSET_K, -4 /* -> allow */, -3 /* -> EPERM */, CLONE_THREAD});
    int body = p.size();
    p.add(new int[] {RET_K, 0, 0, RET_ALLOW});
    p.add(new int[] {RET_K, 0, 0, RET_ERRNO | EPERM});
    p.add(new int[] {RET_K, 0, 0, RET_ERRNO | ENOSYS});
    p.add(new int[] {RET_K, 0, 0, RET_KILL_PROCESS});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < p.size(); i++) {
      int[] ins = p.get(i);
      ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder());
      b.putShort((short) ins[0]);
      b.put((byte) target(ins[1], i, body));
      b.put((byte) target(ins[2], i, body));
      b.putInt(ins[3]);
      out.writeBytes(b.array());
    }
    return out.toByteArray();
  }

  /** A jump field: 0 falls through; MIN_VALUE is the kill return; -k the k-th return from the end (-4 allow). */
  private static int target(int code, int at, int body) {
    if (code == 0) {
      return 0;
    }
    int to = code == Integer.MIN_VALUE ? body + 3 : body + 4 + code;
    int offset = to - at - 1;
    if (offset < 0 || offset > 255) {
      throw new IllegalStateException("seccomp jump out of range");
    }
    return offset;
  }
}
