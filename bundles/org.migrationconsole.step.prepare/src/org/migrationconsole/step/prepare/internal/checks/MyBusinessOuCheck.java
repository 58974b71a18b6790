package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** OU=MyBusiness exists under the domain (preparation tool rule 1). */
@Component(service = MigrationCheck.class)
public class MyBusinessOuCheck extends PrepareCheck {

    public MyBusinessOuCheck() {
        super("domain.mybusiness-ou", "The MyBusiness OU exists", Severity.ERROR, "prepare.support-tools");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String domain = dir.defaultNamingContext();
        List<Entry> found = dir.search(domain, Scope.ONE, "(&(objectClass=organizationalUnit)(ou=MyBusiness))",
                "ou");
        List<String> evidence = new ArrayList<>();
        if (!found.isEmpty()) {
            String dn = found.get(0).dn();
            evidence.add("found " + dn);
            List<String> children = dir.search(dn, Scope.ONE, "(objectClass=organizationalUnit)", "ou").stream()
                    .map(e -> e.first("ou")).toList();
            evidence.add("OUs under it: " + (children.isEmpty() ? "none" : String.join(", ", children)));
            return CheckResult.pass("OU=MyBusiness exists under " + domain + ".", evidence);
        }
        List<String> top = dir.search(domain, Scope.ONE, "(objectClass=organizationalUnit)", "ou").stream()
                .map(e -> e.first("ou")).toList();
        evidence.add("no organizationalUnit MyBusiness directly under " + domain);
        evidence.add("OUs directly under the domain: " + (top.isEmpty() ? "none" : String.join(", ", top)));
        return CheckResult.fail("OU=MyBusiness is missing under " + domain
                + ", so the preparation tool stops with rule 1 (MyBusiness OU is not found).", evidence,
                "Rename or move the OU back to OU=MyBusiness directly under the domain, or re-create it with its"
                        + " Computers (SBSComputers, SBSServers), Users (SBSUsers), Security Groups and Distribution"
                        + " Groups sub-OUs and move the SBS users, groups and computers into them (KB 2578426).");
    }
}
