package org.migrationconsole.api.step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An immutable description of one task of a step. Build one with {@link #builder(String)}.
 *
 * <pre>{@code
 * TaskDescriptor.builder("prepare.backup")
 *     .title("Back up the source server")
 *     .description("...")
 *     .kind(TaskKind.MANUAL)
 *     .source("catalog 1.1")
 *     .build();
 * }</pre>
 */
public final class TaskDescriptor {

    /** Task ids: a step id, a dot, then lower-case words joined by hyphens or dots. */
    /** Path A: Setup in migration mode with an answer file. */
    public static final String PATH_MIGRATION_MODE = "a";
    /** Path B: normal install, replica domain controller, FSMO roles moved by hand. */
    public static final String PATH_REPLICA = "b";

    public static final Pattern ID_PATTERN = Pattern.compile("[a-z][a-z0-9]*(\\.[a-z0-9]+(-[a-z0-9]+)*)+");

    private final String id;
    private final String title;
    private final String description;
    private final boolean optional;
    private final TaskKind kind;
    private final List<String> prerequisites;
    private final String source;
    private final boolean unverified;
    private final MigrationClock startsClock;
    private final MigrationClock stopsClock;
    private final MigrationClock gatedBy;
    private final String path;

    private TaskDescriptor(Builder b) {
        this.id = b.id;
        this.title = b.title;
        this.description = b.description;
        this.optional = b.optional;
        this.kind = b.kind;
        this.prerequisites = Collections.unmodifiableList(new ArrayList<>(b.prerequisites));
        this.source = b.source;
        this.unverified = b.unverified;
        this.startsClock = b.startsClock;
        this.stopsClock = b.stopsClock;
        this.gatedBy = b.gatedBy;
        this.path = b.path;
    }

    /** Starts a descriptor for the task with the given id (e.g. {@code prepare.backup}). */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    public String id() {
        return id;
    }

    /** The id of the step, i.e. the part of the task id before the first dot. */
    public String stepId() {
        return id.substring(0, id.indexOf('.'));
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** Optional tasks may be skipped; required ones may not. */
    public boolean optional() {
        return optional;
    }

    public TaskKind kind() {
        return kind;
    }

    /** Ids of tasks (of any step) that must be completed or skipped before this one. */
    public List<String> prerequisites() {
        return prerequisites;
    }

    /** Where the task comes from, e.g. "catalog 1.6g". */
    public String source() {
        return source;
    }

    /** True when the source material could not confirm this task; the UI says so. */
    public boolean unverified() {
        return unverified;
    }

    /** The clock this task starts when it completes. */
    public Optional<MigrationClock> startsClock() {
        return Optional.ofNullable(startsClock);
    }

    /** The clock this task stops (satisfies) when it completes. */
    public Optional<MigrationClock> stopsClock() {
        return Optional.ofNullable(stopsClock);
    }

    /** A deadline clock that, once run out, blocks this task. */
    public Optional<MigrationClock> gatedBy() {
        return Optional.ofNullable(gatedBy);
    }

    /**
     * The install path this task belongs to ({@value #PATH_MIGRATION_MODE}: migration mode,
     * {@value #PATH_REPLICA}: replica domain controller), or empty when it applies on both. A task
     * off the current path is hidden and not enforced as a prerequisite.
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public String toString() {
        return id;
    }

    /** Builder for {@link TaskDescriptor}. */
    public static final class Builder {
        private final String id;
        private String title;
        private String description = "";
        private boolean optional;
        private TaskKind kind = TaskKind.MANUAL;
        private final List<String> prerequisites = new ArrayList<>();
        private String source = "";
        private boolean unverified;
        private MigrationClock startsClock;
        private MigrationClock stopsClock;
        private MigrationClock gatedBy;
        private String path;

        private Builder(String id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder optional(boolean optional) {
            this.optional = optional;
            return this;
        }

        /** Shorthand for {@code optional(true)}. */
        public Builder optional() {
            return optional(true);
        }

        public Builder kind(TaskKind kind) {
            this.kind = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** Adds prerequisite task ids. */
        public Builder after(String... taskIds) {
            Collections.addAll(prerequisites, taskIds);
            return this;
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder unverified(boolean unverified) {
            this.unverified = unverified;
            return this;
        }

        public Builder startsClock(MigrationClock clock) {
            this.startsClock = clock;
            return this;
        }

        public Builder stopsClock(MigrationClock clock) {
            this.stopsClock = clock;
            return this;
        }

        public Builder gatedBy(MigrationClock clock) {
            this.gatedBy = clock;
            return this;
        }

        /**
         * Builds the descriptor.
         *
         * @throws IllegalArgumentException if the id or title is malformed, naming the rule
         */
        /** The task applies only on this install path ("a" or "b"). */
        public Builder onlyOnPath(String path) {
            if (!PATH_MIGRATION_MODE.equals(path) && !PATH_REPLICA.equals(path)) {
                throw new IllegalArgumentException("task " + id + ": path must be \"a\" or \"b\"");
            }
            this.path = path;
            return this;
        }

        public TaskDescriptor build() {
            if (!ID_PATTERN.matcher(id).matches()) {
                throw new IllegalArgumentException("task id '" + id
                        + "' must be a step id, a dot and lower-case words (e.g. prepare.backup)");
            }
            if (title == null || title.isBlank()) {
                throw new IllegalArgumentException("task " + id + " needs a title");
            }
            if (prerequisites.contains(id)) {
                throw new IllegalArgumentException("task " + id + " cannot be its own prerequisite");
            }
            return new TaskDescriptor(this);
        }
    }
}
