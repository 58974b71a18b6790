package org.migrationconsole.api.state;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one shared service that tracks the migration durably. Every change is appended to the
 * workspace's journal and forced to disk before the method returns; the state is rebuilt from
 * the journal when the service starts.
 *
 * <p>Methods that change state throw {@link MigrationRuleException} when a rule refuses the
 * change and {@link InvalidInputException} for malformed arguments.
 */
@ProviderType
public interface MigrationStateService {

    /** The registered steps in order, with their task states. */
    List<StepStatus> steps();

    /** One task's status. */
    Optional<TaskStatus> task(String taskId);

    /** Marks a task in progress. */
    TaskStatus start(String taskId, String note) throws MigrationRuleException;

    /** Marks a task completed; refused while it is blocked or already done. */
    TaskStatus complete(String taskId, String note) throws MigrationRuleException;

    /**
     * Marks a task completed as of an earlier time, for work done before it was recorded (e.g. the
     * preparation tool run before the console was used). Journalled now, as backdated to
     * {@code at}; clocks the task starts or stops use {@code at}. Refused for a time in the
     * future or before the task's last recorded change.
     *
     * @since 1.2
     */
    TaskStatus complete(String taskId, String note, java.time.Instant at) throws MigrationRuleException;

    /**
     * Records when a clock really started, from evidence read on a server (e.g. the destination
     * DC's creation time), whatever day its starting task was ticked. Journalled with the
     * evidence; the clock then runs from {@code at}. Nothing is recorded when the clock already
     * runs from that time.
     *
     * @return true when a record was written
     * @since 1.2
     */
    boolean recordClockStart(org.migrationconsole.api.step.MigrationClock clock, java.time.Instant at,
            String evidence) throws MigrationRuleException;

    /** Skips an optional task. */
    TaskStatus skip(String taskId, String note) throws MigrationRuleException;

    /** Records that a task failed. */
    TaskStatus fail(String taskId, String note) throws MigrationRuleException;

    /** Puts a task back to not started; {@code reason} is required. */
    TaskStatus reset(String taskId, String reason) throws MigrationRuleException;

    /** Adds a note to a task's history without changing its state. */
    void addNote(String taskId, String note) throws MigrationRuleException;

    /**
     * Saves a step's input values and notes. Every value is checked against its input's rule
     * first; nothing is saved if one fails.
     */
    void saveStepInputs(String stepId, Map<String, String> values, String notes) throws MigrationRuleException;

    /**
     * Journals something that happened outside the task states (a check run, an artifact
     * written), e.g. subject {@code checks}, text "21 checks: 19 pass, 2 fail".
     */
    void recordEvent(String subject, String text) throws MigrationRuleException;

    /**
     * The install path in force: "a" (migration mode) or "b" (replica domain controller); "a"
     * until one is chosen.
     */
    String path();

    /**
     * Chooses the install path; journalled with the reason. Tasks of the other path are hidden
     * and no longer enforced as prerequisites; their records stay in the journal.
     */
    void setPath(String path, String reason) throws MigrationRuleException;

    /** All clocks now. */
    List<ClockStatus> clocks();

    /** The first task, in step order, that can be worked on now. */
    Optional<TaskStatus> nextRecommended();

    /** The journal, oldest first. */
    List<JournalEntry> journal();

    /** The workspace and whether this process may write to it. */
    WorkspaceInfo workspace();

    /**
     * Tasks the journal recorded whose step is not installed ("provided by a missing plug-in"),
     * ordered by task id, with their last recorded state. Their records are never deleted.
     *
     * @since 1.1
     */
    List<MissingPluginTask> missingPluginTasks();

    /**
     * The SHA-256 of the journal's last line (the head of its hash chain), empty while the journal
     * has no record. Reports print it so that an administrator can keep it.
     *
     * @since 1.2
     */
    Optional<String> journalChainHead();

    /**
     * Reads the journal file again without changing it and checks it: checksums, the rules of
     * every record type, the sequence, the hash chain, and every transition against the rules.
     *
     * @since 1.2
     */
    JournalVerification verifyJournal();

    /**
     * Journals that the console wrote a file (record type {@code file}): its absolute path and
     * the SHA-256 of its content, so that {@link #writtenByConsole} can later tell it apart from
     * any other file (only such files may be wiped).
     *
     * @param subject what wrote it, e.g. {@code answer-file}
     * @param what a short description without secrets
     * @since 1.2
     */
    void recordFileWritten(String subject, Path file, String sha256, String what) throws MigrationRuleException;

    /**
     * Whether the journal records that the console wrote {@code file} with content of this
     * SHA-256.
     *
     * @since 1.2
     */
    boolean writtenByConsole(Path file, String sha256);
}
