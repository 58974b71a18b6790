package org.migrationconsole.ui.step;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;

/**
 * Runs the checks in the background. Parts follow it through {@link #onChange}; the password is
 * wiped when the run ends.
 */
public final class CheckRunJob extends Job {

    /** Job family of check runs. */
    public static final Object FAMILY = CheckRunJob.class;

    private final CheckService checks;
    private final ConnectionProfile profile;
    private final char[] password;
    private final String stepId;
    private final int total;
    private final List<Consumer<CheckRunJob>> listeners = new CopyOnWriteArrayList<>();
    private volatile int done;
    private volatile String lastCheck = "";
    private volatile CheckRun result;
    private volatile String problem;
    private volatile boolean finished;

    public CheckRunJob(CheckService checks, ConnectionProfile profile, char[] password, String stepId) {
        super("Running the pre-flight checks against " + profile.sourceHost());
        this.checks = checks;
        this.profile = profile;
        this.password = password.clone();
        this.stepId = stepId;
        this.total = (int) checks.checks().stream().filter(c -> stepId == null || c.stepId().equals(stepId)).count();
        setUser(true);
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sm = SubMonitor.convert(monitor, getName(), Math.max(total, 1));
        try {
            result = checks.run(profile, password, stepId, o -> {
                done++;
                lastCheck = o.checkId();
                sm.worked(1);
                fire();
            }, monitor::isCanceled);
            return result.canceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        } catch (ConnectionException e) {
            problem = e.getMessage();
            return Status.OK_STATUS;
        } catch (RuntimeException e) {
            problem = "The check run failed: " + e;
            return new Status(IStatus.ERROR, "org.migrationconsole.ui", problem, e);
        } finally {
            java.util.Arrays.fill(password, '\0');
            finished = true;
            fire();
        }
    }

    public void onChange(Consumer<CheckRunJob> listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(l -> l.accept(this));
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }

    public String lastCheck() {
        return lastCheck;
    }

    public boolean finished() {
        return finished;
    }

    /** The results, once finished without a connection problem. */
    public CheckRun result() {
        return result;
    }

    /** Why nothing could be checked (bad profile, unreachable, refused credentials), or null. */
    public String problem() {
        return problem;
    }
}
