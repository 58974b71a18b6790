package org.migrationconsole.step.join.internal.clients;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;

/**
 * What the administrator recorded per computer: connected (the Connector is installed) or excluded
 * with a reason. Each mark is a note on task {@value #TASK} in the journal ("Computer WS-XP01 marked
 * excluded: replaced in January"), so it has a time, a user and its history; the latest mark of a
 * computer counts. No file of its own.
 */
public final class Marks {

    public static final String TASK = "join.connector";
    public static final String STEP = "join";
    /** The step input holding the number of days after which an account is stale. */
    public static final String STALE_DAYS_INPUT = "stale-days";
    public static final int MAX_REASON = 200;
    private static final Pattern NOTE = Pattern.compile("Computer (\\S+) marked (connected|excluded)(?:: (.+))?",
            Pattern.DOTALL);

    /** One computer's mark. */
    public record Mark(String computer, String state, String reason, Instant at, String who) {
        public boolean connected() {
            return state.equals("connected");
        }
    }

    private Marks() {
    }

    /** The journal note of a mark. */
    public static String note(String computer, boolean connected, String reason) {
        return "Computer " + computer + " marked " + (connected ? "connected" : "excluded: " + reason);
    }

    /** The latest mark of every computer, by upper-case name. */
    public static Map<String, Mark> read(MigrationStateService state) {
        Map<String, Mark> out = new TreeMap<>();
        for (JournalEntry e : state.journal()) {
            if (!JournalEntry.NOTE.equals(e.type()) || !TASK.equals(e.taskId()) || e.note() == null) {
                continue;
            }
            Matcher m = NOTE.matcher(e.note());
            if (!m.matches() || (m.group(2).equals("excluded") && m.group(3) == null)) {
                continue;
            }
            String name = m.group(1);
            out.put(name.toUpperCase(Locale.ROOT), new Mark(name, m.group(2), m.group(3), e.at(), e.who()));
        }
        return out;
    }

    public static Optional<Mark> of(Map<String, Mark> marks, String computer) {
        return Optional.ofNullable(marks.get(computer.toUpperCase(Locale.ROOT)));
    }

    public static void record(MigrationStateService state, String computer, boolean connected, String reason)
            throws MigrationRuleException {
        state.addNote(TASK, note(computer, connected, reason));
    }

    /**
     * The number of days after which an account counts as stale: the step's input, else the default.
     *
     * @throws IllegalArgumentException when the input holds something else than a number of days
     */
    public static int staleDays(MigrationStateService state) {
        for (StepStatus s : state.steps()) {
            if (s.id().equals(STEP)) {
                String v = s.inputs().getOrDefault(STALE_DAYS_INPUT, "").strip();
                if (v.isEmpty()) {
                    return Classifier.DEFAULT_STALE_DAYS;
                }
                if (!v.matches("[1-9][0-9]{0,3}")) {
                    throw new IllegalArgumentException("the input stale-days of step 3 is '" + v
                            + "', not a number of days from 1 to 9999");
                }
                return Integer.parseInt(v);
            }
        }
        return Classifier.DEFAULT_STALE_DAYS;
    }
}
