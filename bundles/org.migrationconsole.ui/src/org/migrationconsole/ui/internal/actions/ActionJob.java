package org.migrationconsole.ui.internal.actions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;

/**
 * One piece of engine work off the UI thread: plan, apply, undo or resume. Opens the session
 * (connections) in the Job, reports each progress line to its listeners (called on the Job's
 * thread: they hop to the UI with {@code UISynchronize}), and keeps the result or the refusal. The
 * password is wiped when the Job ends. Cancel: planning stops waiting (the read-only plan is
 * discarded), applying stops between two changes (the engine journals where).
 */
public final class ActionJob extends Job {

    /** Job family of the engine's work. */
    public static final Object FAMILY = ActionJob.class;

    /** What the Job does. */
    public enum Kind {
        PLAN("Reading the servers for"), APPLY("Applying"), UNDO("Undoing"), RESUME("Resuming");

        final String verb;

        Kind(String verb) {
            this.verb = verb;
        }
    }

    private final ActionService engine;
    private final ConnectionProfile profile;
    private final char[] password;
    private final Kind kind;
    private final String actionId;
    private final Map<String, String> options;
    private final ActionPlan plan;
    private final String changeId;
    private final boolean force;
    private final int steps;
    private final List<Consumer<ActionJob>> listeners = new CopyOnWriteArrayList<>();

    private volatile String lastProgress = "";
    private volatile int done;
    private volatile ActionPlan planned;
    private volatile ChangeRecord record;
    private volatile Exception failure;
    private volatile boolean finished;
    private volatile boolean canceled;

    private ActionJob(ActionService engine, ConnectionProfile profile, char[] password, Kind kind, String actionId,
            Map<String, String> options, ActionPlan plan, String changeId, boolean force, int steps, String what) {
        super(kind.verb + " " + what);
        this.engine = engine;
        this.profile = profile;
        this.password = password.clone();
        this.kind = kind;
        this.actionId = actionId;
        this.options = options == null ? Map.of() : Map.copyOf(options);
        this.plan = plan;
        this.changeId = changeId;
        this.force = force;
        this.steps = Math.max(1, steps);
        setUser(false);
    }

    public static ActionJob plan(ActionService engine, ConnectionProfile profile, char[] password, String actionId,
            Map<String, String> options) {
        return new ActionJob(engine, profile, password, Kind.PLAN, actionId, options, null, null, false, 1, actionId);
    }

    public static ActionJob apply(ActionService engine, ConnectionProfile profile, char[] password, ActionPlan plan) {
        int n = (int) plan.changes().stream().filter(Change::automatic).count();
        return new ActionJob(engine, profile, password, Kind.APPLY, plan.actionId(), plan.options(), plan, null, false,
                n + 2, plan.actionId());
    }

    public static ActionJob undo(ActionService engine, ConnectionProfile profile, char[] password,
            ChangeRecord change, boolean force) {
        return new ActionJob(engine, profile, password, Kind.UNDO, change.actionId(), null, null, change.id(), force,
                change.total() + 1, change.id());
    }

    public static ActionJob resume(ActionService engine, ConnectionProfile profile, char[] password,
            ChangeRecord change) {
        return new ActionJob(engine, profile, password, Kind.RESUME, change.actionId(), null, null, change.id(),
                false, change.total() - change.applied() + 2, change.id());
    }

    /** The actions whose apply, undo or resume runs in this process now (their journal looks interrupted). */
    public static java.util.Set<String> busyActions() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (Job j : Job.getJobManager().find(FAMILY)) {
            if (j instanceof ActionJob a && !a.finished() && a.kind() != Kind.PLAN) {
                out.add(a.actionId());
            }
        }
        return out;
    }

    /**
     * Calls {@code onDone} (on the Job's thread) whenever an apply, undo or resume ends; the views
     * refresh then, as the engine's last journal record comes before the Job has finished. Returns
     * what removes the listener.
     */
    public static Runnable whenAnyEnds(Runnable onDone) {
        org.eclipse.core.runtime.jobs.IJobChangeListener l = new org.eclipse.core.runtime.jobs.JobChangeAdapter() {
            @Override
            public void done(org.eclipse.core.runtime.jobs.IJobChangeEvent event) {
                if (event.getJob() instanceof ActionJob a && a.kind() != Kind.PLAN) {
                    onDone.run();
                }
            }
        };
        Job.getJobManager().addJobChangeListener(l);
        return () -> Job.getJobManager().removeJobChangeListener(l);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sm = SubMonitor.convert(monitor, getName(), steps + 1);
        try {
            progress("connecting to " + profile.sourceHost());
            try (ActionService.Session s = engine.open(profile, password)) {
                sm.worked(1);
                Consumer<String> onProgress = m -> {
                    sm.subTask(m);
                    sm.worked(1);
                    progress(m);
                };
                switch (kind) {
                    case PLAN -> {
                        progress("reading the servers (nothing is written)");
                        ActionPlan p = engine.plan(s, actionId, options);
                        if (monitor.isCanceled()) {
                            canceled = true;
                            return Status.CANCEL_STATUS;
                        }
                        planned = p;
                    }
                    case APPLY -> record = engine.apply(s, plan, onProgress, () -> {
                        boolean c = monitor.isCanceled();
                        canceled |= c;
                        return c;
                    });
                    case UNDO -> record = engine.undo(s, changeId, force, onProgress);
                    case RESUME -> record = engine.resume(s, changeId, onProgress);
                }
            }
            return Status.OK_STATUS;
        } catch (ConflictException | ConnectionException | IllegalArgumentException | IllegalStateException
                | SecurityException e) {
            failure = e;
            return Status.OK_STATUS; // a refusal the dialogs show, not an error of the console
        } catch (Exception e) {
            failure = e;
            return new Status(IStatus.ERROR, "org.migrationconsole.ui", getName() + " failed: " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
            finished = true;
            fire();
        }
    }

    private void progress(String message) {
        lastProgress = message;
        done++;
        fire();
    }

    public void onChange(Consumer<ActionJob> listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(l -> l.accept(this));
    }

    public Kind kind() {
        return kind;
    }

    public String actionId() {
        return actionId;
    }

    /** The last progress line, e.g. "change 2 of 5: modify CN=...". */
    public String lastProgress() {
        return lastProgress;
    }

    /** Progress lines so far (connecting counts as one). */
    public int done() {
        return done;
    }

    /** Expected progress lines. */
    public int steps() {
        return steps + 1;
    }

    public boolean finished() {
        return finished;
    }

    /** True when the administrator cancelled (a plan is discarded; an apply stopped between changes). */
    public boolean canceled() {
        return canceled;
    }

    /** The plan read (PLAN), once finished without a refusal. */
    public ActionPlan planned() {
        return planned;
    }

    /** The change as the engine left it (APPLY, UNDO, RESUME). */
    public ChangeRecord record() {
        return record;
    }

    /** Why it did not happen: a conflict, no connection, missing rights, bad options, or an error. */
    public Exception failure() {
        return failure;
    }

    /** The failure in words for the dialogs: the entry and attribute of a conflict first. */
    public String failureText() {
        Exception e = failure;
        if (e == null) {
            return "";
        }
        if (e instanceof ConflictException c) {
            return ChangeStates.conflict(c);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : ChangeStates.inConsoleWords(e.getMessage());
    }
}
