package org.migrationconsole.api.check;

import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;

/** Runs the registered checks against a profile and keeps the latest results. */
@ProviderType
public interface CheckService {

    /** The registered checks, by id. */
    List<MigrationCheck> checks();

    /**
     * Connects with the profile and runs the checks of one step (or all when {@code stepId} is
     * null) in parallel, each bounded by its timeout. The results are stored in the workspace and
     * journalled. The password is used for this run only and not kept.
     *
     * @param progress told of each finished check
     * @param canceled polled; when it turns true the run stops and reports what finished
     * @throws ConnectionException when nothing can be checked (bad profile, unreachable,
     *             refused credentials, changed certificate)
     */
    CheckRun run(ConnectionProfile profile, char[] password, String stepId, Consumer<CheckOutcome> progress,
            BooleanSupplier canceled) throws ConnectionException;

    /**
     * Connects and binds once, as a run would, and reads the root DSE.
     *
     * @return a sentence on what answered (server, protection, certificate pinned or checked)
     * @throws ConnectionException as for {@link #run}
     */
    String testConnection(ConnectionProfile profile, char[] password) throws ConnectionException;

    /** The latest stored run, if any. */
    Optional<CheckRun> lastRun();
}
