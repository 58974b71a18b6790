package org.example.step.companyweb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * Read-only: looks for the traces Windows SharePoint Services 2.0 leaves on an SBS 2003 domain
 * (the STS_WPG worker-process group, a "companyweb" name in DNS) and reports whether there is a
 * Companyweb site to inventory. It never fails the migration: the finding is information.
 */
@Component(service = MigrationCheck.class)
public class CompanywebTracesCheck extends DeclaredCheck {

    public CompanywebTracesCheck() {
        super("companyweb.traces", "Companyweb (WSS 2.0) is present and needs an inventory",
                CompanywebInventoryStep.ID, Severity.INFO);
    }

    @Override
    public CheckResult run(CheckContext context) throws Exception {
        List<String> evidence = new ArrayList<>();
        Directory dir = context.directory();
        for (Directory.Entry e : dir.search(dir.defaultNamingContext(), Directory.Scope.SUBTREE,
                "(sAMAccountName=STS_WPG)", "distinguishedName")) {
            evidence.add("directory: " + e.dn() + " (group created by Windows SharePoint Services 2.0)");
        }
        if (context.isCanceled()) {
            return CheckResult.skipped("cancelled", evidence);
        }
        String host = "companyweb." + context.profile().domain().toLowerCase(Locale.ROOT);
        try {
            List<String> addresses = context.dns().addresses(host);
            if (!addresses.isEmpty()) {
                evidence.add("DNS: " + host + " -> " + String.join(", ", addresses));
            }
        } catch (Exception e) {
            evidence.add("DNS: " + host + " not resolved (" + e.getMessage() + ")");
        }
        boolean found = evidence.stream().anyMatch(s -> s.startsWith("directory:") || s.contains(" -> "));
        if (found) {
            return CheckResult.pass("Companyweb traces found: inventory the site (task companyweb.inventory);"
                    + " Windows Server Essentials does not migrate it.", evidence);
        }
        return CheckResult.pass("No Companyweb traces found (no STS_WPG group, no companyweb name in DNS).",
                evidence);
    }
}
