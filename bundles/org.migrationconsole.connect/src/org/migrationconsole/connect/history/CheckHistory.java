package org.migrationconsole.connect.history;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.connect.internal.RunStore;

/**
 * Read-only access to the check results kept in a workspace ({@code checks/}): every stored run
 * and the latest outcome of each check. For readers such as the migration report; the runner
 * alone writes them.
 *
 * @since 1.0
 */
public final class CheckHistory {

    private final RunStore store;

    private CheckHistory(Path workspace) {
        this.store = new RunStore(workspace);
    }

    /** The check results of the workspace directory {@code workspace}. */
    public static CheckHistory of(Path workspace) {
        return new CheckHistory(workspace);
    }

    /** Every stored run, oldest first (only the last one for runs stored before the history). */
    public List<CheckRun> runs() {
        return store.runs();
    }

    /**
     * The connection profile the latest check run used (its servers, domain and target; no CA
     * path, and never a password), or empty when no run kept one.
     *
     * @since 1.1
     */
    public Optional<ConnectionProfile> profileUsed() {
        return store.profileUsed();
    }

    /** The latest outcome of every check, across runs, by check id. */
    public Map<String, CheckOutcome> latest() {
        return store.latest();
    }
}
