package org.migrationconsole.api.action;

import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.field.Field;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A server change a step can make, registered as an OSGi service ({@code @Component(service =
 * MigrationAction.class)}) by the step that owns it. The engine calls it; it never runs by
 * itself, and nothing is written before the administrator has seen the plan.
 */
@ConsumerType
public interface MigrationAction {

    /** Stable id, starting with the step id, e.g. {@code move.clear-sbs-logon-script}. */
    String id();

    /** The step that owns it. */
    String stepId();

    /** A short title, e.g. "Clear the SBS logon script from the users". */
    String title();

    /** What it changes and why, in a few sentences. */
    default String description() {
        return "";
    }

    /** The task it does; the task completes when the verification and the task's checks pass. */
    default Optional<String> taskId() {
        return Optional.empty();
    }

    /** The check that proves the result (run after {@link #verify}), if any. */
    default Optional<String> checkId() {
        return Optional.empty();
    }

    /**
     * Choices the administrator makes before planning (e.g. which GPOs to delete), read with
     * {@link ActionContext#options()}. Empty by default.
     */
    default List<Field> options() {
        return List.of();
    }

    /**
     * Reads the servers and returns the concrete changes. Must not write anything; an empty plan
     * means there is nothing to do.
     */
    ActionPlan plan(ActionContext context) throws Exception;

    /**
     * Saves what the engine's standard backup does not know about (it already saves, before the
     * first write, every entry and file the plan touches). Nothing by default.
     */
    default void backup(ActionPlan plan, ActionContext context, ActionBackup backup) throws Exception {
    }

    /**
     * Applies one change of the plan itself. Return false (the default) to let the engine apply it
     * the standard way (LDAP add/modify/delete, SMB write/delete, checking for conflicts first).
     *
     * @throws ConflictException when the server no longer matches the plan
     */
    default boolean apply(Change change, ActionContext context) throws Exception {
        return false;
    }

    /**
     * Reads back the result after all changes were applied. By default the engine compares every
     * changed entry and file with the plan's new values; an action may check more.
     */
    default Verification verify(ActionPlan plan, ActionContext context) throws Exception {
        return context.verifyAsPlanned(plan);
    }

    /**
     * Undoes one applied change itself (the changes are undone in reverse order). Return false (the
     * default) to let the engine restore it from the backup.
     *
     * @throws ConflictException when the server changed since the apply in a way the undo would
     *             overwrite (the engine overrides only with --force)
     */
    default boolean undo(Change change, ActionContext context) throws Exception {
        return false;
    }

    /**
     * Attributes that a client cannot restore exactly (e.g. {@code objectGUID}, {@code whenCreated}
     * of a re-created entry); the engine lists them after an undo.
     */
    default List<String> serverOwnedAttributes() {
        return List.of("objectGUID", "whenCreated", "whenChanged", "uSNCreated", "uSNChanged",
                "replPropertyMetaData", "objectSid");
    }
}
