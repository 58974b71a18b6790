package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.FileShares;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The source shares SYSVOL and NETLOGON, and NETLOGON can be read. */
@Component(service = MigrationCheck.class)
public class SysvolNetlogonCheck extends PrepareCheck {

    public SysvolNetlogonCheck() {
        super("domain.sysvol-netlogon", "The SYSVOL and NETLOGON shares exist and NETLOGON is readable",
                Severity.ERROR, "prepare.support-tools");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        FileShares smb = ctx.shares();
        List<String> shares = smb.shares();
        List<String> evidence = new ArrayList<>();
        evidence.add("shares offered by " + ctx.profile().sourceHost() + " (" + smb.dialect() + "): "
                + String.join(", ", shares));
        List<String> problems = new ArrayList<>();
        for (String s : List.of("SYSVOL", "NETLOGON")) {
            if (shares.stream().noneMatch(s::equalsIgnoreCase)) {
                problems.add(s + " is not shared");
            }
        }
        if (problems.isEmpty()) {
            try {
                List<String> files = smb.list("NETLOGON", "");
                evidence.add("NETLOGON holds: " + (files.isEmpty() ? "nothing" : String.join(", ", files)));
            } catch (Exception e) {
                problems.add("NETLOGON cannot be read");
                evidence.add("listing NETLOGON failed: " + e.getMessage());
            }
            try {
                List<String> top = smb.list("SYSVOL", ctx.profile().domain() + "/");
                evidence.add("SYSVOL\\" + ctx.profile().domain() + " holds: " + String.join(", ", top));
            } catch (Exception e) {
                problems.add("SYSVOL\\" + ctx.profile().domain() + " cannot be read");
                evidence.add("listing SYSVOL\\" + ctx.profile().domain() + " failed: " + e.getMessage());
            }
        }
        if (problems.isEmpty()) {
            return CheckResult.pass("SYSVOL and NETLOGON are shared and NETLOGON can be read.", evidence);
        }
        return CheckResult.fail("The domain's system shares are not right: " + String.join("; ", problems) + ".",
                evidence, "On the source check that the Netlogon and File Replication services run and that"
                        + " SYSVOL is initialised (dcdiag /test:netlogons /test:frsevent, net share); fix what they"
                        + " report and run the checks again.");
    }
}
