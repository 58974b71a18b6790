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

/**
 * replication.healthy: the destination has inbound connection objects and its NTDS Settings
 * were replicated to the source (the source sees it). Deeper health (repadmin /showrepl) needs
 * the DRS protocol; that remains the admin's dcdiag/repadmin run (task install.dc-health).
 */
@Component(service = MigrationCheck.class)
public final class ReplicationHealthyCheck extends DestinationChecks.Base {

    public ReplicationHealthyCheck() {
        super("replication.healthy", "Replication between the source and the destination is set up",
                Severity.WARNING, null, false);
    }



    @Override
    protected CheckResult judge(CheckContext c, String dest, Entry ntds) throws Exception {
        List<Entry> links = c.directory().search(ntds.dn(), Scope.ONE, "(objectClass=nTDSConnection)",
                "fromServer");
        List<String> evidence = new ArrayList<>();
        links.forEach(l -> evidence.add("inbound from " + l.first("fromServer")));
        Entry src = FsmoRoles.ntdsSettings(c.directory(), c.profile().sourceHost());
        List<Entry> back = src == null ? List.of() : c.directory().search(src.dn(), Scope.ONE,
                "(objectClass=nTDSConnection)", "fromServer");
        back.forEach(l -> evidence.add("source inbound from " + l.first("fromServer")));
        boolean toDest = !links.isEmpty();
        boolean toSource = back.stream().anyMatch(l -> l.first("fromServer") != null
                && l.first("fromServer").equalsIgnoreCase(ntds.dn()));
        if (toDest && toSource) {
            return CheckResult.pass("Replication links exist both ways", evidence);
        }
        return CheckResult.fail("Replication links are missing" + (toDest ? " (destination to source)"
                : " (source to destination)"), evidence,
                "Let the KCC create them (repadmin /kcc) and check with repadmin /showrepl and dcdiag.");
    }
}
