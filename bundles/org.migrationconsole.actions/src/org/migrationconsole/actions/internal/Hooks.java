package org.migrationconsole.actions.internal;

/**
 * Test hooks of the crash test: with {@code -Dmigrationconsole.actions.pauseAfter=N} the engine
 * prints a line and sleeps after the N-th journalled change (apply) or undo step, so that a test
 * can kill the process there with SIGKILL. Does nothing otherwise.
 */
final class Hooks {

    private Hooks() {
    }

    /** With {@code -Dmigrationconsole.actions.stepMillis=MS}: sleeps around every write (crash test). */
    static void step() {
        String ms = System.getProperty("migrationconsole.actions.stepMillis");
        if (ms != null) {
            try {
                Thread.sleep(Long.parseLong(ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void afterChange(String changeId, int k, int n) {
        pause("applied", changeId, k, n);
    }

    static void afterUndo(String changeId, int k, int n) {
        pause("undone", changeId, k, n);
    }

    private static void pause(String what, String changeId, int k, int n) {
        String at = System.getProperty("migrationconsole.actions.pauseAfter");
        if (at == null || !at.equals(Integer.toString(k))) {
            return;
        }
        System.err.println("PAUSED " + what + " " + k + " of " + n + " " + changeId);
        System.err.flush();
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
