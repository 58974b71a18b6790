package org.migrationconsole.step.install.internal.replica;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** destination.fsmo: all five roles on the destination; the evidence lists every holder. */
@Component(service = MigrationCheck.class)
public final class DestinationFsmoCheck extends DestinationChecks.Base {

    public DestinationFsmoCheck() {
        super("destination.fsmo", "The destination holds all five FSMO roles",
                Severity.ERROR, "install.replica-transfer-fsmo", true);
    }




    @Override
    protected CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception {
        List<FsmoRoles.Role> roles = FsmoRoles.read(c.directory());
        List<String> evidence = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (FsmoRoles.Role r : roles) {
            evidence.add(r.name() + ": " + (r.holder() == null ? "(no owner found)" : r.holder()));
            if (!FsmoRoles.isHost(r.holder(), dest)) {
                elsewhere.add(r.name());
            }
        }
        if (elsewhere.isEmpty()) {
            // the transfer happened when the last of the five roles moved: the replication metadata of
            // fSMORoleOwner says when, whatever day this check first saw it (path B's clock runs from then)
            java.time.Instant moved = null;
            int known = 0;
            for (FsmoRoles.Role r : roles) {
                if (r.changedAt() != null) {
                    known++;
                    moved = moved == null || r.changedAt().isAfter(moved) ? r.changedAt() : moved;
                }
            }
            if (moved != null && known == roles.size()) {
                evidence.add("roles moved at " + moved + " (the latest fSMORoleOwner change in the replication"
                        + " metadata of the five role objects)");
                c.provedAt(moved, "the FSMO transfer (fSMORoleOwner replication metadata)");
            } else {
                evidence.add("the server gave no replication metadata for every role (" + known + " of 5): the"
                        + " transfer time is when this check first saw the roles moved");
            }
            return CheckResult.pass("All five roles are on " + dest, evidence);
        }
        return CheckResult.fail(elsewhere.size() + " of 5 roles are not on " + dest + ": "
                + String.join(", ", elsewhere), evidence,
                "Transfer them with ntdsutil on the destination (fsmo-script writes the commands), then run the"
                        + " checks again.");
    }
}
