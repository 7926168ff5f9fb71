package org.recxplain.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A one-line progress indicator on the terminal for long work (training): a label, a bar or spinner, the
 * step count where known, and the elapsed time, redrawn in place. It draws only when a person is watching: when
 * {@link System#console()} is not {@code null} and the environment variable {@code CI} is not set. Otherwise
 * every method does nothing, so output piped to a file or captured by CI stays clean.
 *
 * <p>Thread-safety: {@link #step(int, int)} may be called from any thread (training workers); drawing happens
 * on one daemon thread. {@link #close()} erases the line.
 */
final class ProgressLine implements AutoCloseable {
    private static final long REDRAW_MS = 120;
    private static final char[] SPINNER = {'|', '/', '-', '\\'};
    private static final int BAR = 24;

    private final PrintWriter out;
    private final String label;
    private final long startNanos = System.nanoTime();
    private final Thread drawer;
    private volatile int done;
    private volatile int total;
    private volatile boolean running;
    private int frame;
    private int lastWidth;

    private ProgressLine(PrintWriter out, String label, boolean draw) {
        this.out = out;
        this.label = label;
        this.running = draw;
        if (draw) {
            this.drawer = new Thread(this::loop, "recxplain-progress");
            this.drawer.setDaemon(true);
            this.drawer.start();
        } else {
            this.drawer = null;
        }
    }

    /** Whether a progress line should be drawn, given whether there is a console and the environment. */
    static boolean shouldDraw(boolean hasConsole, Map<String, String> env) {
        return hasConsole && env.get("CI") == null;
    }

    /** Starts a progress line on {@code out} if a person is watching; otherwise a silent indicator. */
    static ProgressLine start(PrintWriter out, String label) {
        return new ProgressLine(out, label, shouldDraw(System.console() != null, System.getenv()));
    }

    /** Whether this indicator draws anything. */
    boolean drawing() {
        return drawer != null;
    }

    /** Reports that {@code done} of {@code total} steps are finished. */
    void step(int done, int total) {
        this.total = total;
        this.done = done;
    }

    private void loop() {
        while (running) {
            draw();
            try {
                TimeUnit.MILLISECONDS.sleep(REDRAW_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void draw() {
        if (!running) {
            return;
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        int t = total;
        int d = Math.min(done, t);
        StringBuilder sb = new StringBuilder(label).append("  ");
        if (t > 0) {
            int filled = (int) ((long) BAR * d / t);
            sb.append('[').append("#".repeat(filled)).append(".".repeat(BAR - filled)).append("] ")
                    .append(d).append('/').append(t);
        } else {
            sb.append(SPINNER[frame++ % SPINNER.length]);
        }
        sb.append(String.format("  %.1f s", seconds));
        int width = sb.length();
        if (width < lastWidth) {
            sb.append(" ".repeat(lastWidth - width));
        }
        lastWidth = width;
        out.print("\r" + sb);
        out.flush();
    }

    /** Stops drawing and erases the line. */
    @Override
    public void close() {
        if (drawer == null) {
            return;
        }
        synchronized (this) {
            running = false;
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            out.flush();
        }
        drawer.interrupt();
    }
}
