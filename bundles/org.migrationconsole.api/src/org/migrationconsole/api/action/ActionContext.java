package org.migrationconsole.api.action;

import java.time.Instant;

import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.field.FieldValues;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What an action may use, given by the engine. During {@code plan} the write methods of the
 * directory and the shares refuse (planning writes nothing).
 */
@ProviderType
public interface ActionContext {

    ConnectionProfile profile();

    /** The source domain controller's directory (the domain's, configuration and DNS partitions). */
    WritableDirectory directory();

    /** DNS as served by the source. */
    NameLookup dns();

    /** The shares of the source server ({@code SYSVOL}, {@code NETLOGON}, ...). */
    WritableFileShares sourceShares();

    /** The shares of the destination server (empty-handed when the profile names none). */
    WritableFileShares destinationShares();

    /** The administrator's choices for {@link MigrationAction#options()}. */
    FieldValues options();

    /** The id of the change being made (null while planning). */
    String changeId();

    /** This machine's clock. */
    Instant now();

    /** The recorded state of a task ({@code completed}, ...). */
    String taskState(String taskId);

    /** Reports progress (shown in the Job and on the command line). */
    void progress(String message);

    /** True when cancelled; long work stops between changes. */
    boolean isCanceled();

    /** The engine's standard verification: every changed entry and file read back and compared. */
    Verification verifyAsPlanned(ActionPlan plan) throws Exception;
}
