package org.migrationconsole.actions;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One change made (or being made) to the servers by an action, as the journal and the workspace's
 * {@code changes/<id>/} folder record it.
 *
 * @param id e.g. {@code chg-20261201-101502-move.delete-wmi-filters}
 * @param actionId the action that planned it
 * @param title the action's title
 * @param state where it stands
 * @param applied how many of the plan's automatic changes were applied (and journalled)
 * @param total how many automatic changes the plan has
 * @param undone how many were undone (during or after an undo)
 * @param startedAt when the apply began
 * @param folder the backup folder ({@code changes/<id>/})
 * @param message one line: "interrupted after 3 of 7 changes", "verified", the refusal ...
 * @param problems what the verification or an undo found (entry and attribute named)
 */
public record ChangeRecord(String id, String actionId, String title, State state, int applied, int total,
        int undone, Instant startedAt, Path folder, String message, List<String> problems) {

    public ChangeRecord {
        problems = List.copyOf(problems);
    }

    /** Where a change stands. */
    public enum State {
        /** Apply began and did not finish: resume or undo. */
        INTERRUPTED("interrupted"),
        /** Every change applied, verification passed. */
        APPLIED("applied"),
        /** Every change applied, but the read-back differs (see problems). */
        VERIFY_FAILED("verify-failed"),
        /** Apply stopped on a refusal or an error after some changes (resume or undo). */
        FAILED("failed"),
        /** Undo began and did not finish: run undo again. */
        UNDO_INTERRUPTED("undo-interrupted"),
        /** Undone from the backup. */
        UNDONE("undone");

        private final String id;

        State(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** True when the servers may be half-way: the change needs resume or undo. */
        public boolean needsAttention() {
            return this == INTERRUPTED || this == FAILED || this == UNDO_INTERRUPTED;
        }
    }
}
