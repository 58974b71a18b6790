package org.migrationconsole.step.install.internal.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.Severity;

/**
 * The destination checks of step 2, read-only through the source's directory (AD replicates the
 * configuration partition, so the source knows every DC): is the destination a DC, a global
 * catalog, the holder of all five roles, and is replication to it set up and working.
 */
public final class DestinationChecks {

    private DestinationChecks() {
    }

    static Optional<String> destination(CheckContext c) {
        String h = c.profile().destinationHost();
        return h == null || h.isBlank() ? Optional.empty() : Optional.of(h);
    }

    /**
     * Before the destination has been promoted, its checks have nothing to judge: they are
     * skipped (and a skipped check does not let the task it gates complete).
     */
    static CheckResult notYetDomainController(String dest) {
        return CheckResult.skipped(dest + " is not a domain controller yet; this check applies once the destination"
                + " has been installed and promoted (step 2)", List.of("no server object with NTDS Settings for "
                        + dest + " under CN=Sites"));
    }

    static CheckResult noDestination() {
        return CheckResult.skipped("The profile names no destination server (destination.host)", List.of());
    }

    public abstract static class Base extends DeclaredCheck {

        /** A destination check of step 2 (20 s: it may read the whole configuration partition). */
        protected Base(String id, String title, Severity severity, String taskId, boolean completesTask) {
            super(id, title, "install", severity, taskId, completesTask, Duration.ofSeconds(20));
        }

        /**
         * Skips when the profile names no destination or the destination is not a domain
         * controller yet; otherwise judges it.
         */
        @Override
        public final CheckResult run(CheckContext c) throws Exception {
            Optional<String> dest = destination(c);
            if (dest.isEmpty()) {
                return noDestination();
            }
            Entry ntds = FsmoRoles.ntdsSettings(c.directory(), dest.get());
            if (ntds == null) {
                return notYetDomainController(dest.get());
            }
            return judge(c, dest.get(), ntds);
        }

        /** Judges a destination that is a domain controller ({@code ntds}: its NTDS Settings). */
        protected abstract CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception;
    }




}
