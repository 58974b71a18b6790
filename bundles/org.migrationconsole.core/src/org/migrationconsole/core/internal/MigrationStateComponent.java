package org.migrationconsole.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskGate;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.core.internal.journal.JournalRecord;
import org.migrationconsole.core.internal.state.MigrationStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The migration-state service: binds every {@link MigrationStep} service, opens the workspace
 * given by the {@value #WORKSPACE_PROPERTY} property (default {@code ~/MigrationConsole/default})
 * and posts an event for every journal record.
 */
@Component(service = MigrationStateService.class)
public class MigrationStateComponent implements MigrationStateService {

    /** Framework or system property naming the workspace directory. */
    public static final String WORKSPACE_PROPERTY = "migrationconsole.workspace";

    private final Map<ServiceReference<?>, MigrationStore.RegisteredStep> registered = new ConcurrentHashMap<>();
    private volatile EventAdmin eventAdmin;
    private volatile MigrationStore store;

    @Activate
    void activate(BundleContext context) {
        store = MigrationStore.open(workspaceDirectory(context.getProperty(WORKSPACE_PROPERTY)), Clock.systemUTC(),
                System.getProperty("user.name", "unknown"));
        store.setSteps(registered.values());
        store.setCompletionGate(this::gateReasons);
    }

    /** The workspace directory from the property, or the default under the user's home. */
    public static Path workspaceDirectory(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), "MigrationConsole", "default");
    }

    @Deactivate
    void deactivate() throws IOException {
        store.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStep(MigrationStep step, ServiceReference<MigrationStep> ref) {
        registered.put(ref, new MigrationStore.RegisteredStep(step, ref.getBundle().getSymbolicName()));
        stepsChanged();
    }

    void removeStep(MigrationStep step, ServiceReference<MigrationStep> ref) {
        registered.remove(ref);
        stepsChanged();
    }

    private void stepsChanged() {
        MigrationStore s = store;
        if (s != null) {
            s.setSteps(registered.values());
            post(StateEvents.TOPIC_STEPS, null, -1);
        }
    }

    private final List<TaskGate> gates =
            new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addGate(TaskGate gate) {
        gates.add(gate);
    }

    void removeGate(TaskGate gate) {
        gates.remove(gate);
    }

    private List<String> gateReasons(TaskDescriptor task) {
        List<String> reasons = new ArrayList<>();
        for (TaskGate g : gates) {
            reasons.addAll(g.reasonsNotToComplete(task, store.workspace().directory()));
        }
        return reasons;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    private void post(String topic, String taskId, long seq) {
        EventAdmin admin = eventAdmin;
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>();
        if (taskId != null) {
            props.put(StateEvents.PROP_TASK, taskId);
        }
        if (seq >= 0) {
            props.put(StateEvents.PROP_SEQ, seq);
        }
        admin.postEvent(new Event(topic, props));
    }

    /** A change to the store that may fail to reach the disk. */
    private interface StoreChange {
        MigrationStore.Change apply() throws MigrationRuleException, IOException;
    }

    private TaskStatus write(StoreChange op) throws MigrationRuleException {
        MigrationStore.Change change;
        try {
            change = op.apply();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal: " + e.getMessage(), e);
        }
        post(StateEvents.TOPIC_JOURNAL, change.record().task(), change.record().seq());
        return change.status();
    }

    @Override
    public List<StepStatus> steps() {
        return store.steps();
    }

    @Override
    public Optional<TaskStatus> task(String taskId) {
        return store.task(taskId);
    }

    @Override
    public TaskStatus start(String taskId, String note) throws MigrationRuleException {
        return write(() -> store.start(taskId, note));
    }

    @Override
    public TaskStatus complete(String taskId, String note) throws MigrationRuleException {
        return write(() -> store.complete(taskId, note));
    }

    @Override
    public TaskStatus complete(String taskId, String note, java.time.Instant at) throws MigrationRuleException {
        return write(() -> store.complete(taskId, note, at));
    }

    @Override
    public boolean recordClockStart(org.migrationconsole.api.step.MigrationClock c, java.time.Instant at,
            String evidence) throws MigrationRuleException {
        try {
            Optional<JournalRecord> r = store.recordClockStart(c, at, evidence);
            r.ifPresent(x -> post(StateEvents.TOPIC_JOURNAL, "clock", x.seq()));
            return r.isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public TaskStatus skip(String taskId, String note) throws MigrationRuleException {
        return write(() -> store.skip(taskId, note));
    }

    @Override
    public TaskStatus fail(String taskId, String note) throws MigrationRuleException {
        return write(() -> store.fail(taskId, note));
    }

    @Override
    public TaskStatus reset(String taskId, String reason) throws MigrationRuleException {
        return write(() -> store.reset(taskId, reason));
    }

    @Override
    public void addNote(String taskId, String note) throws MigrationRuleException {
        write(() -> store.addNote(taskId, note));
    }

    @Override
    public void saveStepInputs(String stepId, Map<String, String> values, String notes)
            throws MigrationRuleException {
        try {
            for (JournalRecord r : store.saveStepInputs(stepId, values, notes)) {
                post(StateEvents.TOPIC_JOURNAL, stepId, r.seq());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal", e);
        }
    }

    @Override
    public void recordEvent(String subject, String text) throws MigrationRuleException {
        try {
            JournalRecord r = store.recordEvent(subject, text);
            post(StateEvents.TOPIC_JOURNAL, subject, r.seq());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public String path() {
        return store.path();
    }

    @Override
    public void setPath(String path, String reason) throws MigrationRuleException {
        try {
            Optional<JournalRecord> r = store.setPath(path, reason);
            if (r.isPresent()) {
                post(StateEvents.TOPIC_JOURNAL, "path", r.get().seq());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public List<ClockStatus> clocks() {
        return store.clocks();
    }

    @Override
    public Optional<TaskStatus> nextRecommended() {
        return store.nextRecommended();
    }

    @Override
    public List<JournalEntry> journal() {
        return store.journal();
    }

    @Override
    public WorkspaceInfo workspace() {
        return store.workspace();
    }

    @Override
    public List<org.migrationconsole.api.state.MissingPluginTask> missingPluginTasks() {
        return store.missingPluginTasks();
    }

    @Override
    public Optional<String> journalChainHead() {
        return store.journalChainHead();
    }

    @Override
    public org.migrationconsole.api.state.JournalVerification verifyJournal() {
        return store.verifyJournal();
    }

    @Override
    public void recordFileWritten(String subject, Path file, String sha256, String what)
            throws MigrationRuleException {
        try {
            JournalRecord r = store.recordFileWritten(subject, file, sha256, what);
            post(StateEvents.TOPIC_JOURNAL, subject, r.seq());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the journal: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean writtenByConsole(Path file, String sha256) {
        return store.writtenByConsole(file, sha256);
    }
}
