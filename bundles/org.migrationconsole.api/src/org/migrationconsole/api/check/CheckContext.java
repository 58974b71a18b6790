package org.migrationconsole.api.check;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/** What a check may read. Connections are opened by the runner and shared by the checks. */
@ProviderType
public interface CheckContext {

    ConnectionProfile profile();

    /** The source domain controller's directory (LDAP). */
    Directory directory();

    /** DNS as served by the source domain controller. */
    NameLookup dns();

    /** The source's SMB shares (SYSVOL, NETLOGON, ...). */
    FileShares shares();

    /** This machine's clock, read once per run. */
    Instant now();

    /**
     * Reads the clock of another server of the migration (e.g. the destination) without signing
     * in, bounded by a short connect and read timeout: its time and, where the protocol says so,
     * its time zone. Empty when nothing answers there.
     *
     * @param address the server's address or host name
     * @since 1.2
     */
    default java.util.Optional<ServerClock> serverClock(String address) {
        return java.util.Optional.empty();
    }

    /** The recorded state of a task ({@code completed}, ...), for attestation checks. */
    String taskState(String taskId);

    /** True when the run was cancelled; long checks should stop early. */
    boolean isCanceled();

    /**
     * Tells the runner when what this check proves happened, read from the server (e.g. the
     * destination DC's NTDS Settings {@code whenCreated}, the FSMO transfer's replication
     * metadata). When the check passes and completes its task, the task is completed as of that
     * time (journalled as backdated) and a clock the task starts runs from it.
     *
     * @param when the moment, from the server's own data
     * @param what where it was read, for the journal
     * @since 1.2
     */
    default void provedAt(Instant when, String what) {
        // runners that do not keep evidence times ignore it
    }

    /**
     * Tells the runner when a migration clock really started on one install path, read from the
     * server, whichever task starts it and whenever that task is ticked: e.g. the 21-day
     * coexistence clock from the destination DC's NTDS Settings {@code whenCreated} on path A,
     * where Setup's own promotion is the installation. The runner records it (journalled as clock
     * evidence) when the check passed and the workspace follows {@code path}.
     *
     * @param clock the clock
     * @param path the install path on which this moment starts the clock ("a" or "b")
     * @param when the moment, from the server's own data
     * @param what where it was read, for the journal
     * @since 1.2
     */
    default void clockStartedAt(org.migrationconsole.api.step.MigrationClock clock, String path, Instant when,
            String what) {
        // runners that do not keep clock evidence ignore it
    }
}
