package org.thinkqueue.worker;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Captures what slf4j-simple (the tests' binding, which writes to {@code System.err} at each call) logs while it is
 * open, still passing it through. Tests filter the lines by a name unique to the test.
 */
final class CapturedLog implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  CapturedLog() {
    OutputStream tee = new OutputStream() {
      @Override
      public void write(int b) {
        synchronized (captured) {
          captured.write(b);
        }
        original.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        synchronized (captured) {
          captured.write(b, off, len);
        }
        original.write(b, off, len);
      }
    };
    System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
  }

  /** The lines logged so far that contain {@code text} (stack-trace lines do not name it, so they are left out). */
  List<String> lines(String text) {
    String all;
    synchronized (captured) {
      all = captured.toString(StandardCharsets.UTF_8);
    }
    return Arrays.stream(all.split("\\R")).filter(l -> l.contains(text)).collect(Collectors.toList());
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
