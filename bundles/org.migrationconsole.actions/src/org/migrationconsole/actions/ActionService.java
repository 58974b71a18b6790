package org.migrationconsole.actions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;

/**
 * The action engine (a DS service of the shell): lists the steps' {@link MigrationAction}s, plans
 * them (writes nothing), backs up, applies, verifies, journals and undoes their changes. Used by the
 * command line and the console; it has no UI.
 */
public interface ActionService {

    /** The registered actions, by step order then id. */
    List<MigrationAction> actions();

    Optional<MigrationAction> action(String id);

    /** Opens the connections of one session (LDAP now, SMB on first use). */
    Session open(ConnectionProfile profile, char[] password) throws ConnectionException;

    /**
     * Plans an action (read only: any write is refused) and keeps the plan in the workspace
     * ({@code changes/plans/<action>.json}) for {@link #apply}.
     *
     * @param options the administrator's choices; refused naming the field and rule
     */
    ActionPlan plan(Session session, String actionId, Map<String, String> options) throws Exception;

    /** The plan kept by the last {@link #plan} of the action, if any. */
    Optional<ActionPlan> storedPlan(String actionId);

    /**
     * Applies a plan exactly: refuses before writing anything when an entry or file changed since
     * the plan ({@link ConflictException} naming entry and attribute) or the account may not make a
     * change; backs up, journals the intent, applies and journals each change, verifies, journals
     * the result; completes the action's task when its verification and check pass.
     */
    ChangeRecord apply(Session session, ActionPlan plan, Consumer<String> progress, BooleanSupplier canceled)
            throws Exception;

    /** Continues an interrupted or failed apply from where the journal says it stopped. */
    ChangeRecord resume(Session session, String changeId, Consumer<String> progress) throws Exception;

    /**
     * Undoes a change (also an interrupted one) from its backup, in reverse order; refuses naming
     * entry and attribute when the servers changed since the apply, unless {@code force}.
     */
    ChangeRecord undo(Session session, String changeId, boolean force, Consumer<String> progress) throws Exception;

    /** Every change of the workspace, oldest first. */
    List<ChangeRecord> changes();

    Optional<ChangeRecord> change(String changeId);

    /** The plan a change was made from. */
    Optional<ActionPlan> changePlan(String changeId);

    /** The connections of one session; close when done. */
    interface Session extends AutoCloseable {
        ConnectionProfile profile();

        @Override
        void close();
    }
}
