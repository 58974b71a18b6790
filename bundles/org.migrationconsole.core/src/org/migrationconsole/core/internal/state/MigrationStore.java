package org.migrationconsole.core.internal.state;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.JournalVerification;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.StepInput;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.api.step.TaskKind;
import org.migrationconsole.core.internal.journal.CorruptJournalException;
import org.migrationconsole.core.internal.journal.Journal;
import org.migrationconsole.core.internal.journal.JournalRecord;

/**
 * The migration state of one workspace: replays the journal, applies the ordering rules and
 * clocks, and appends every accepted change to the journal before it takes effect. Free of OSGi
 * so that it can be tested and benchmarked directly; the DS component wraps it.
 */
public final class MigrationStore implements Closeable {

    /** A step service and the bundle that registered it. */
    public record RegisteredStep(MigrationStep step, String bundleId) {
    }

    /** The recorded state of a task, as replayed from the journal. */
    record TaskRecord(TaskState state, Instant at, String who, String note) {
    }

    /** Key under which a step's free notes are kept with its inputs. */
    public static final String NOTES_KEY = "notes";

    private final Path directory;
    private final Clock clock;
    private final String user;
    private final Journal journal;
    private final String fatalError;
    private final Map<String, TaskRecord> tasks = new HashMap<>();
    private final Map<String, Map<String, String>> inputs = new HashMap<>();
    private List<RegisteredStep> steps = List.of();
    private Function<TaskDescriptor, List<String>> completionGate = t -> List.of();
    private Map<String, TaskDescriptor> descriptors = Map.of();
    private String path = TaskDescriptor.PATH_MIGRATION_MODE;
    private final List<String> replayProblems = new ArrayList<>();
    /** Clock starts read from a server (record type "clock"), with their record numbers. */
    private final Map<MigrationClock, ClockEvidence> clockEvidence = new java.util.EnumMap<>(MigrationClock.class);
    /** The record number of each task's last reset (evidence older than that no longer counts). */
    private final Map<String, Long> lastReset = new HashMap<>();

    /** Journal record type of a clock start read from a server. */
    public static final String CLOCK = JournalRecord.CLOCK;
    /** Key of a transition record backdated to its value (an ISO instant). */
    public static final String BACKDATED = JournalRecord.BACKDATED;

    record ClockEvidence(Instant at, long seq, String evidence) {
    }

    private MigrationStore(Path directory, Clock clock, String user, Journal journal, String fatalError) {
        this.directory = directory;
        this.clock = clock;
        this.user = user;
        this.journal = journal;
        this.fatalError = fatalError;
    }

    /**
     * Opens the workspace. Never throws for a damaged journal: the store then reports the
     * damage through {@link #workspace()} and refuses every operation.
     */
    public static MigrationStore open(Path directory, Clock clock, String user) {
        Journal journal;
        try {
            journal = Journal.open(directory, clock);
        } catch (CorruptJournalException | org.migrationconsole.core.files.UnsafeFileException e) {
            return new MigrationStore(directory, clock, user, null, e.getMessage());
        } catch (IOException e) {
            return new MigrationStore(directory, clock, user, null,
                    "Cannot open the workspace " + directory + ": " + e.getMessage() + " (" + e.getClass().getSimpleName()
                            + "); choose a workspace folder that can be created (--workspace DIR)");
        }
        MigrationStore store = new MigrationStore(directory, clock, user, journal, null);
        store.rebuild();
        return store;
    }

    /**
     * Replays the journal from the start with the rules of the steps registered now. A record
     * that breaks a rule (a state move that cannot happen, a task that was blocked, a required
     * task skipped, a path change from the wrong path) is not applied and is reported in
     * {@link #workspace()}'s warnings with its record number.
     */
    private void rebuild() {
        tasks.clear();
        inputs.clear();
        path = TaskDescriptor.PATH_MIGRATION_MODE;
        clockEvidence.clear();
        lastReset.clear();
        replayProblems.clear();
        if (journal == null) {
            return;
        }
        for (JournalRecord r : journal.records()) {
            String broken = ruleBroken(r);
            if (broken != null) {
                replayProblems.add("Journal record " + r.seq() + " (" + describe(r) + ") breaks a rule and was not"
                        + " applied: " + broken + ".");
            } else {
                apply(r);
            }
        }
    }

    private static String describe(JournalRecord r) {
        String what = JournalEntry.PATH.equals(r.type()) ? "path " + r.from() + " to " + r.to()
                : CLOCK.equals(r.type()) ? "clock " + r.key() + " started at " + r.value()
                : r.task() + " " + r.from() + " to " + r.to()
                        + (BACKDATED.equals(r.key()) ? " backdated to " + r.value() : "");
        return what + " by " + r.who() + " at " + r.at();
    }

    private String ruleBroken(JournalRecord r) {
        if (JournalEntry.PATH.equals(r.type())) {
            return r.from().equals(path) ? null : "it changes the path from " + r.from() + " while the path was " + path;
        }
        if (CLOCK.equals(r.type())) {
            // the record's fields were checked when the journal was read (JournalRecord.problem)
            Instant started = Instant.parse(r.value());
            if (started.isAfter(r.at().plus(java.time.Duration.ofDays(1)))) {
                return "the clock start " + started + " is more than a day after the time it was recorded ("
                        + r.at() + "); a clock cannot start in the future";
            }
            return null;
        }
        if (!JournalEntry.TRANSITION.equals(r.type())) {
            return null;
        }
        TaskRecord rec = tasks.get(r.task());
        TaskState current = rec == null ? TaskState.NOT_STARTED : rec.state();
        TaskState from = TaskState.byId(r.from());
        TaskState to = TaskState.byId(r.to());
        if (from != current) {
            return "it starts from " + from.id() + ", but the task was " + current.id();
        }
        if (BACKDATED.equals(r.key())) {
            Instant done = Instant.parse(r.value());
            if (done.isAfter(r.at())) {
                return "it is backdated to " + done + ", which is after the time it was recorded (" + r.at()
                        + ")";
            }
            if (rec != null && done.isBefore(rec.at())) {
                return "it is backdated to " + done + ", before the task's previous change at " + rec.at();
            }
        }
        String move = switch (to) {
            case IN_PROGRESS -> current == TaskState.NOT_STARTED || current == TaskState.FAILED ? null
                    : "a task that is " + current.id() + " cannot be started";
            case COMPLETED -> current.isDone() ? "a task that is " + current.id() + " cannot be completed" : null;
            case SKIPPED -> current.isDone() ? "a task that is " + current.id() + " cannot be skipped" : null;
            case FAILED -> current == TaskState.NOT_STARTED || current == TaskState.IN_PROGRESS ? null
                    : "a task that is " + current.id() + " cannot fail";
            case NOT_STARTED -> current == TaskState.NOT_STARTED ? "a task that is not started cannot be reset"
                    : r.note() == null || r.note().isBlank() ? "a reset needs a reason" : null;
            default -> "state " + to.id() + " is never recorded";
        };
        if (move != null) {
            return move;
        }
        TaskDescriptor d = descriptors.get(r.task());
        if (d == null) {
            return null; // a task of a plug-in that is not installed: only the state moves can be checked
        }
        if (!onPath(d)) {
            return "the task belongs to install path " + d.path().orElseThrow().toUpperCase(java.util.Locale.ROOT)
                    + " while the migration followed path " + path.toUpperCase(java.util.Locale.ROOT);
        }
        if (to == TaskState.SKIPPED && !d.optional()) {
            return "the task is required and cannot be skipped";
        }
        if (to == TaskState.IN_PROGRESS || to == TaskState.COMPLETED) {
            List<String> reasons = blockedReasons(d, clockMap(r.at()));
            if (!reasons.isEmpty()) {
                return "the task was blocked then: " + String.join("; ", reasons);
            }
        }
        return null;
    }

    private void apply(JournalRecord r) {
        switch (r.type()) {
            case JournalEntry.TRANSITION -> {
                Instant when = BACKDATED.equals(r.key()) ? instant(r.value(), "backdated time") : r.at();
                TaskState to = TaskState.byId(r.to());
                tasks.put(r.task(), new TaskRecord(to, when, r.who(), r.note()));
                if (to == TaskState.NOT_STARTED) {
                    lastReset.put(r.task(), r.seq());
                }
            }
            case CLOCK -> clockEvidence.put(MigrationClock.byId(r.key()),
                    new ClockEvidence(instant(r.value(), "clock start"), r.seq(), r.note()));
            case JournalEntry.PATH -> path = r.to();
            case JournalEntry.INPUT -> inputs.computeIfAbsent(r.task(), k -> new TreeMap<>()).put(r.key(),
                    r.value() == null ? "" : r.value());
            default -> {
                // notes, events, file and chain records do not change state
            }
        }
    }

    private static Instant instant(String text, String what) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is not an ISO-8601 instant");
        }
    }

    /** Replaces the set of registered steps (called as step services come and go). */
    public synchronized void setSteps(Collection<RegisteredStep> registered) {
        List<RegisteredStep> sorted = new ArrayList<>(registered);
        sorted.sort(Comparator.comparingInt((RegisteredStep s) -> s.step().order()).thenComparing(s -> s.step().id()));
        Map<String, TaskDescriptor> byId = new LinkedHashMap<>();
        for (RegisteredStep s : sorted) {
            for (TaskDescriptor t : s.step().tasks()) {
                byId.putIfAbsent(t.id(), t);
            }
        }
        this.steps = List.copyOf(sorted);
        this.descriptors = byId;
        rebuild();
    }

    /** Sets what check-gated tasks must satisfy before they complete (the check results). */
    public synchronized void setCompletionGate(Function<TaskDescriptor, List<String>> gate) {
        this.completionGate = gate;
    }

    // ---------------------------------------------------------------- queries

    public synchronized List<StepStatus> steps() {
        Instant now = clock.instant();
        Map<MigrationClock, ClockStatus> clocks = clockMap(now);
        List<StepStatus> out = new ArrayList<>(steps.size());
        for (RegisteredStep s : steps) {
            List<TaskStatus> ts = new ArrayList<>();
            for (TaskDescriptor t : s.step().tasks()) {
                if (onPath(t)) {
                    ts.add(status(t, clocks));
                }
            }
            Map<String, String> in = new TreeMap<>(inputs.getOrDefault(s.step().id(), Map.of()));
            String notes = in.remove(NOTES_KEY);
            out.add(new StepStatus(s.step(), s.bundleId(), ts, in, notes == null ? "" : notes));
        }
        return out;
    }

    public synchronized Optional<TaskStatus> task(String taskId) {
        TaskDescriptor d = descriptors.get(taskId);
        return d == null || !onPath(d) ? Optional.empty() : Optional.of(status(d, clockMap(clock.instant())));
    }

    /** Tasks recorded in the journal that no registered step provides, by id. */
    public synchronized List<org.migrationconsole.api.state.MissingPluginTask> missingPluginTasks() {
        List<org.migrationconsole.api.state.MissingPluginTask> out = new ArrayList<>();
        new TreeMap<>(tasks).forEach((id, r) -> {
            if (!descriptors.containsKey(id)) {
                out.add(new org.migrationconsole.api.state.MissingPluginTask(id, r.state(), r.at(), r.who(),
                        r.note()));
            }
        });
        return out;
    }

    public synchronized List<ClockStatus> clocks() {
        return List.copyOf(clockMap(clock.instant()).values());
    }

    public synchronized Optional<TaskStatus> nextRecommended() {
        Map<MigrationClock, ClockStatus> clocks = clockMap(clock.instant());
        for (TaskDescriptor d : descriptors.values()) {
            if (!onPath(d)) {
                continue;
            }
            TaskStatus s = status(d, clocks);
            if (s.state() == TaskState.IN_PROGRESS || s.state() == TaskState.FAILED
                    || s.state() == TaskState.NOT_STARTED) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public synchronized List<JournalEntry> journal() {
        if (journal == null) {
            return List.of();
        }
        List<JournalRecord> records = journal.records();
        List<JournalEntry> out = new ArrayList<>(records.size());
        for (JournalRecord r : records) {
            out.add(r.toEntry());
        }
        return out;
    }

    public WorkspaceInfo workspace() {
        if (journal == null) {
            return new WorkspaceInfo(directory, directory.resolve(Journal.FILE_NAME), true, fatalError, fatalError,
                    List.of());
        }
        List<String> warnings = new ArrayList<>(journal.warnings());
        synchronized (this) {
            warnings.addAll(replayProblems);
        }
        return new WorkspaceInfo(directory, journal.file(), journal.isReadOnly(), journal.readOnlyReason(), null,
                warnings);
    }

    /** The hash of the journal's last line (its chain head), if it has one. */
    public synchronized Optional<String> journalChainHead() {
        return journal == null ? Optional.empty() : Optional.ofNullable(journal.head());
    }

    /**
     * Reads the journal file again, without changing it, and checks every record, the sequence
     * and the hash chain, and that it still holds what this console read or wrote; adds the
     * records whose replay broke a rule.
     */
    public synchronized JournalVerification verifyJournal() {
        Path file = directory.resolve(Journal.FILE_NAME);
        List<String> problems = new ArrayList<>();
        if (journal == null) {
            problems.add(fatalError);
            return new JournalVerification(file, 0, -1, null, problems);
        }
        Journal disk;
        try {
            disk = Journal.readOnly(directory, clock, null);
        } catch (IOException e) {
            problems.add(e.getMessage());
            return new JournalVerification(file, journal.records().size(), journal.chainedFrom(), null, problems);
        }
        List<JournalRecord> mine = journal.records();
        List<JournalRecord> theirs = disk.records();
        if (theirs.size() < mine.size()) {
            problems.add("The file holds " + theirs.size() + " records, but this console read or wrote "
                    + mine.size() + ": records were removed from its end");
        } else {
            for (int i = 0; i < mine.size(); i++) {
                if (!mine.get(i).equals(theirs.get(i))) {
                    problems.add("Record " + mine.get(i).seq() + " in the file differs from what this console read"
                            + " or wrote");
                    break;
                }
            }
        }
        problems.addAll(disk.warnings());
        problems.addAll(replayProblems);
        return new JournalVerification(file, theirs.size(), disk.chainedFrom(), disk.head(), problems);
    }

    /** Whether the journal records that the console wrote {@code file} with this content hash. */
    public synchronized boolean writtenByConsole(Path file, String sha256) {
        if (journal == null || file == null || sha256 == null) {
            return false;
        }
        String abs = file.toAbsolutePath().normalize().toString();
        for (JournalRecord r : journal.records()) {
            if (JournalRecord.FILE.equals(r.type()) && abs.equals(r.key()) && sha256.equalsIgnoreCase(r.value())) {
                return true;
            }
        }
        return false;
    }

    /** Journals that the console wrote a file (absolute path, SHA-256 of its content). */
    public synchronized JournalRecord recordFileWritten(String subject, Path file, String sha256, String what)
            throws MigrationRuleException, IOException {
        if (subject == null || subject.isBlank()) {
            throw new InvalidInputException("subject", "A file record needs a subject (e.g. answer-file)");
        }
        if (file == null) {
            throw new InvalidInputException("file", "A file record needs the file's path");
        }
        if (sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
            throw new InvalidInputException("sha256", "A file record needs the SHA-256 of the content (64 hex digits)");
        }
        requireWritable();
        return journal.append(JournalRecord.file(user, subject, file.toAbsolutePath().normalize().toString(),
                sha256.toLowerCase(java.util.Locale.ROOT), what));
    }

    private TaskStatus status(TaskDescriptor d, Map<MigrationClock, ClockStatus> clocks) {
        TaskRecord rec = tasks.get(d.id());
        TaskState recorded = rec == null ? TaskState.NOT_STARTED : rec.state();
        List<String> reasons = recorded.isDone() ? List.of() : blockedReasons(d, clocks);
        TaskState effective = reasons.isEmpty() ? recorded : TaskState.BLOCKED;
        return new TaskStatus(d, effective, recorded, reasons, rec == null ? null : rec.at(),
                rec == null ? null : rec.who(), rec == null ? null : rec.note());
    }

    private List<String> blockedReasons(TaskDescriptor d, Map<MigrationClock, ClockStatus> clocks) {
        List<String> reasons = new ArrayList<>();
        for (String p : d.prerequisites()) {
            TaskDescriptor pd = descriptors.get(p);
            if (pd == null || !onPath(pd)) {
                continue; // provided by a step that is not installed, or on the other path: not enforced
            }
            TaskRecord pr = tasks.get(p);
            TaskState ps = pr == null ? TaskState.NOT_STARTED : pr.state();
            if (!ps.isDone()) {
                reasons.add("waits for " + p + " (\"" + pd.title() + "\"), which is " + ps.id().replace('-', ' '));
            }
        }
        d.gatedBy().ifPresent(c -> {
            ClockStatus cs = clocks.get(c);
            if (cs != null && cs.level() == ClockStatus.Level.EXPIRED && cs.stoppedAt() == null) {
                String starter = starterOf(c).map(TaskDescriptor::id).orElse("the task that starts it");
                reasons.add("the " + c.limit().toDays() + "-day " + c.id() + " clock ran out on "
                        + Clocks.when(cs.endsAt()) + "; redo " + starter + " (reset it, then complete it again)");
            }
        });
        return reasons;
    }

    private Optional<TaskDescriptor> starterOf(MigrationClock c) {
        return descriptors.values().stream().filter(this::onPath).filter(t -> t.startsClock().orElse(null) == c).findFirst();
    }

    private Map<MigrationClock, ClockStatus> clockMap(Instant now) {
        Map<MigrationClock, ClockStatus> out = new LinkedHashMap<>();
        for (MigrationClock c : MigrationClock.values()) {
            Instant started = null;
            Instant stopped = null;
            String starterTitle = null;
            for (TaskDescriptor t : descriptors.values()) {
                if (!onPath(t)) {
                    continue;
                }
                TaskRecord r = tasks.get(t.id());
                boolean completed = r != null && r.state() == TaskState.COMPLETED;
                if (t.startsClock().orElse(null) == c) {
                    starterTitle = starterTitle == null ? t.title() : starterTitle;
                    if (completed && (started == null || r.at().isAfter(started))) {
                        started = r.at();
                    }
                }
                if (t.stopsClock().orElse(null) == c && completed && (stopped == null || r.at().isBefore(stopped))) {
                    stopped = r.at();
                }
            }
            ClockEvidence ev = clockEvidence.get(c);
            if (ev != null) {
                TaskDescriptor starter = starterOf(c).orElse(null);
                Long reset = starter == null ? null : lastReset.get(starter.id());
                if (reset == null || reset < ev.seq()) {
                    started = ev.at(); // read from the server: when it really started
                }
            }
            if (stopped != null && started != null && stopped.isBefore(started)) {
                stopped = null;
            }
            out.put(c, Clocks.status(c, started, started == null ? null : stopped, now, starterTitle));
        }
        return out;
    }

    /** The install path in force ("a" until one is chosen). */
    public synchronized String path() {
        return path;
    }

    private boolean onPath(TaskDescriptor d) {
        return d.path().map(path::equals).orElse(true);
    }

    // ---------------------------------------------------------------- changes

    /** Chooses the install path; a record only when it changes. */
    public synchronized Optional<JournalRecord> setPath(String newPath, String reason)
            throws MigrationRuleException, IOException {
        if (!TaskDescriptor.PATH_MIGRATION_MODE.equals(newPath) && !TaskDescriptor.PATH_REPLICA.equals(newPath)) {
            throw new InvalidInputException("path", "The install path is a (migration mode) or b (replica domain"
                    + " controller), not '" + newPath + "'");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("note", "Choosing the install path needs a reason (--note TEXT)");
        }
        requireWritable();
        if (newPath.equals(path)) {
            return Optional.empty();
        }
        JournalRecord r = journal.append(new JournalRecord(0, null, user, JournalEntry.PATH, null, path, newPath,
                reason, null, null));
        apply(r);
        return Optional.of(r);
    }

    public synchronized Change start(String taskId, String note) throws MigrationRuleException, IOException {
        TaskStatus s = writable(taskId);
        switch (s.recordedState()) {
            case IN_PROGRESS -> throw refused(s, "is already in progress (since " + since(s) + ")");
            case COMPLETED, SKIPPED -> throw refused(s, "is already " + s.recordedState().id() + " (" + since(s)
                    + "); reset it first if it has to be done again");
            default -> {
            }
        }
        requireUnblocked(s, "started");
        return transition(s, TaskState.IN_PROGRESS, note);
    }

    public synchronized Change complete(String taskId, String note) throws MigrationRuleException, IOException {
        return complete(taskId, note, null);
    }

    /**
     * Completes a task, as of {@code at} when given (backdated: journalled now, with the time it
     * was really done; a time in the future or before the task's last change is refused).
     */
    public synchronized Change complete(String taskId, String note, Instant at)
            throws MigrationRuleException, IOException {
        TaskStatus s = writable(taskId);
        if (at != null) {
            Instant now = clock.instant();
            if (at.isAfter(now)) {
                throw new InvalidInputException("at", "The time a task was done cannot be in the future ("
                        + at + " is after now, " + now + ")");
            }
            if (at.isBefore(Instant.parse("2000-01-01T00:00:00Z"))) {
                throw new InvalidInputException("at", "The time a task was done must be after 2000-01-01 (" + at
                        + ")");
            }
            TaskRecord last = tasks.get(taskId);
            if (last != null && at.isBefore(last.at())) {
                throw new InvalidInputException("at", "Task " + taskId + " changed last at " + last.at()
                        + "; it cannot have been done before that (" + at + ")");
            }
        }
        if (s.recordedState().isDone()) {
            throw refused(s, "is already " + s.recordedState().id() + " (" + since(s)
                    + "); reset it first if it has to be done again");
        }
        requireUnblocked(s, "completed");
        if (s.descriptor().kind() == TaskKind.CHECK_GATED) {
            List<String> gate = completionGate.apply(s.descriptor());
            if (!gate.isEmpty()) {
                throw new MigrationRuleException("Task " + s.id() + " is check-gated and its checks do not pass: "
                        + String.join("; ", gate).replaceAll("\\.$", "") + ".");
            }
        }
        if (at != null) {
            String text = "backdated to " + at + (note == null || note.isBlank() ? "" : ": " + note);
            JournalRecord r = journal.append(new JournalRecord(0, null, user, JournalEntry.TRANSITION, s.id(),
                    s.recordedState().id(), TaskState.COMPLETED.id(), text, BACKDATED, at.toString()));
            apply(r);
            return new Change(r, status(s.descriptor(), clockMap(clock.instant())));
        }
        return transition(s, TaskState.COMPLETED, note);
    }

    /**
     * Records when a clock really started, read from a server; nothing when it already runs from
     * that time.
     */
    public synchronized Optional<JournalRecord> recordClockStart(MigrationClock c, Instant at, String evidence)
            throws MigrationRuleException, IOException {
        if (c == null || at == null) {
            throw new InvalidInputException("clock", "A clock start needs the clock and the time");
        }
        requireWritable();
        if (at.isAfter(clock.instant().plus(java.time.Duration.ofDays(1)))) {
            throw new InvalidInputException("at", "A clock cannot start in the future (" + at + ")");
        }
        ClockStatus now = clockMap(clock.instant()).get(c);
        if (now != null && at.equals(now.startedAt())) {
            return Optional.empty();
        }
        JournalRecord r = journal.append(new JournalRecord(0, null, user, CLOCK, null, null, null,
                "the " + c.limit().toDays() + "-day " + c.id() + " clock started at " + at + ", read from the server: "
                        + (evidence == null ? "" : evidence), c.id(), at.toString()));
        apply(r);
        return Optional.of(r);
    }

    public synchronized Change skip(String taskId, String note) throws MigrationRuleException, IOException {
        TaskStatus s = writable(taskId);
        if (!s.descriptor().optional()) {
            throw refused(s, "is required and cannot be skipped (only optional tasks can)");
        }
        if (s.recordedState().isDone()) {
            throw refused(s, "is already " + s.recordedState().id() + " (" + since(s) + ")");
        }
        return transition(s, TaskState.SKIPPED, note);
    }

    public synchronized Change fail(String taskId, String note) throws MigrationRuleException, IOException {
        TaskStatus s = writable(taskId);
        if (s.recordedState().isDone() || s.recordedState() == TaskState.FAILED) {
            throw refused(s, "is " + s.recordedState().id() + "; only a task not yet done can fail");
        }
        return transition(s, TaskState.FAILED, note);
    }

    public synchronized Change reset(String taskId, String reason) throws MigrationRuleException, IOException {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("note", "A reset needs a reason (--note TEXT): it is kept in the journal");
        }
        TaskStatus s = writable(taskId);
        if (s.recordedState() == TaskState.NOT_STARTED) {
            throw refused(s, "is not started; there is nothing to reset");
        }
        return transition(s, TaskState.NOT_STARTED, reason);
    }

    public synchronized Change addNote(String taskId, String note) throws MigrationRuleException, IOException {
        if (note == null || note.isBlank()) {
            throw new InvalidInputException("note", "The note is empty; give the text with --note TEXT");
        }
        TaskStatus s = writable(taskId);
        JournalRecord r = journal.append(JournalRecord.note(user, s.id(), note));
        return new Change(r, s);
    }

    public synchronized JournalRecord recordEvent(String subject, String text)
            throws MigrationRuleException, IOException {
        if (subject == null || subject.isBlank() || text == null || text.isBlank()) {
            throw new InvalidInputException("event", "An event needs a subject and a text");
        }
        requireWritable();
        return journal.append(new JournalRecord(0, null, user, JournalEntry.EVENT, subject, null, null, text, null,
                null));
    }

    /**
     * Saves changed inputs of a step; validates everything first so that nothing is saved when
     * one value breaks its rule.
     */
    public synchronized List<JournalRecord> saveStepInputs(String stepId, Map<String, String> values, String notes)
            throws MigrationRuleException, IOException {
        requireWritable();
        RegisteredStep step = steps.stream().filter(s -> s.step().id().equals(stepId)).findFirst()
                .orElseThrow(() -> new InvalidInputException("step", "Unknown step '" + stepId + "'"));
        Map<String, StepInput> declared = new HashMap<>();
        for (StepInput in : step.step().inputs()) {
            declared.put(in.id(), in);
        }
        Map<String, String> wanted = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            StepInput in = declared.get(e.getKey());
            if (in == null) {
                throw new InvalidInputException(e.getKey(), "Step " + stepId + " has no input '" + e.getKey() + "'");
            }
            String v = e.getValue() == null ? "" : e.getValue().strip();
            Optional<String> broken = in.validate(v);
            if (broken.isPresent()) {
                throw new InvalidInputException(in.id(), in.label() + ": " + broken.get());
            }
            wanted.put(in.id(), v);
        }
        if (notes != null) {
            wanted.put(NOTES_KEY, notes);
        }
        Map<String, String> current = inputs.getOrDefault(stepId, Map.of());
        List<JournalRecord> written = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            if (!e.getValue().equals(current.getOrDefault(e.getKey(), ""))) {
                JournalRecord r = journal.append(JournalRecord.input(user, stepId, e.getKey(), e.getValue()));
                apply(r);
                written.add(r);
            }
        }
        return written;
    }

    /** An accepted change: the durable journal record and the task's new status. */
    public record Change(JournalRecord record, TaskStatus status) {
    }

    private Change transition(TaskStatus s, TaskState to, String note) throws IOException {
        JournalRecord r = journal.append(JournalRecord.transition(user, s.id(), s.recordedState().id(), to.id(),
                note == null || note.isBlank() ? null : note));
        apply(r);
        return new Change(r, status(s.descriptor(), clockMap(clock.instant())));
    }

    private void requireWritable() throws MigrationRuleException {
        if (journal == null) {
            throw new IllegalStateException(fatalError);
        }
        if (journal.isReadOnly()) {
            throw new MigrationRuleException(journal.readOnlyReason());
        }
    }

    private TaskStatus writable(String taskId) throws MigrationRuleException {
        requireWritable();
        if (taskId == null || taskId.isBlank()) {
            throw new InvalidInputException("task", "No task id given; 'status' lists them");
        }
        TaskDescriptor d = descriptors.get(taskId);
        if (d == null) {
            throw new InvalidInputException("task", "Unknown task '" + taskId
                    + "'; 'status' lists the task ids of the installed steps");
        }
        if (!onPath(d)) {
            throw new MigrationRuleException("Task " + taskId + " belongs to install path "
                    + d.path().orElseThrow().toUpperCase(java.util.Locale.ROOT) + ", but the migration follows path "
                    + path.toUpperCase(java.util.Locale.ROOT) + "; change the path first ('path "
                    + d.path().orElseThrow() + " --note REASON')");
        }
        return status(d, clockMap(clock.instant()));
    }

    private static void requireUnblocked(TaskStatus s, String verb) throws MigrationRuleException {
        if (!s.blockedReasons().isEmpty()) {
            throw new MigrationRuleException("Task " + s.id() + " cannot be " + verb + " yet: "
                    + String.join("; ", s.blockedReasons()) + ".");
        }
    }

    private static MigrationRuleException refused(TaskStatus s, String why) {
        return new MigrationRuleException("Task " + s.id() + " " + why + ".");
    }

    private static String since(TaskStatus s) {
        return s.changedAt() == null ? "unknown time"
                : Clocks.when(s.changedAt()) + (s.changedBy() == null ? "" : " by " + s.changedBy());
    }

    @Override
    public synchronized void close() throws IOException {
        if (journal != null) {
            journal.close();
        }
    }
}
