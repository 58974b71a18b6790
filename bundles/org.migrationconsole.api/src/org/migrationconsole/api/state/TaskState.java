package org.migrationconsole.api.state;

/** The state of a task. */
public enum TaskState {
    NOT_STARTED("not-started"),
    IN_PROGRESS("in-progress"),
    COMPLETED("completed"),
    /** Only optional tasks can be skipped. */
    SKIPPED("skipped"),
    /** Prerequisites are missing or a deadline ran out; the reasons say which. */
    BLOCKED("blocked"),
    FAILED("failed");

    private final String id;

    TaskState(String id) {
        this.id = id;
    }

    /** The name used in the journal and in JSON output. */
    public String id() {
        return id;
    }

    /** Completed or skipped: satisfies the task's dependants. */
    public boolean isDone() {
        return this == COMPLETED || this == SKIPPED;
    }

    public static TaskState byId(String id) {
        for (TaskState s : values()) {
            if (s.id.equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown task state '" + id + "'");
    }
}
