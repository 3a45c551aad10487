package io.jesync.product;

import java.io.PrintStream;

/**
 * The console's progress bar for large catalogues. On a terminal the bar redraws in place; otherwise (logs,
 * tests) a line is printed at every tenth, so a log file does not fill with bars.
 */
public interface Progress {
    Progress NONE = (phase, done, total) -> { };

    void update(String phase, long done, long total);

    static Progress console(PrintStream out, boolean terminal) {
        return new Progress() {
            private String lastPhase;
            private long lastTenth = -1;

            @Override
            public synchronized void update(String phase, long done, long total) {
                if (total <= 0) {
                    return;
                }
                int percent = (int) Math.min(100, done * 100 / total);
                int filled = percent * 30 / 100;
                String bar = String.format("%-16s [%s%s] %3d%% %,d/%,d", phase, "#".repeat(filled),
                        " ".repeat(30 - filled), percent, done, total);
                boolean newPhase = !phase.equals(lastPhase);
                if (terminal) {
                    out.print((newPhase && lastPhase != null ? "\n" : "\r") + bar);
                    if (done >= total) {
                        out.println();
                        lastPhase = null;
                        return;
                    }
                } else if (newPhase || percent / 10 != lastTenth || done >= total) {
                    out.println(bar);
                }
                lastPhase = phase;
                lastTenth = percent / 10;
                out.flush();
            }
        };
    }
}
