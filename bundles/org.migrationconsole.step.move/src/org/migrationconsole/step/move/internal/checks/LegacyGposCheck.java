package org.migrationconsole.step.move.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The "Small Business Server ..." GPOs still in the domain (removed in step 4, catalog 4.4). */
@Component(service = MigrationCheck.class)
public class LegacyGposCheck extends DeclaredCheck {

    public LegacyGposCheck() {
        super("domain.legacy-gpos",
                "Legacy 'Small Business Server' group policy objects",
                "move", Severity.INFO, null);
    }

    static final String PREFIX = "Small Business Server";
    /** Step 5 removes this one (catalog 5.2), after the destination's folder redirection is on. */
    static final String FOLDER_REDIRECTION = "Small Business Server Folder Redirection";

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String base = "CN=Policies,CN=System," + dir.defaultNamingContext();
        List<Entry> all = dir.search(base, Scope.ONE, "(objectClass=groupPolicyContainer)", "displayName", "cn");
        List<String> legacy = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Entry e : all) {
            String name = e.first("displayName");
            if (name != null && name.equalsIgnoreCase(FOLDER_REDIRECTION)) {
                evidence.add(name + " " + e.first("cn") + " (removed in step 5, not counted here)");
            } else if (name != null && name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                legacy.add(name);
                evidence.add(name + " " + e.first("cn"));
            }
        }
        legacy.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.sort(String.CASE_INSENSITIVE_ORDER);
        evidence.add(all.size() + " groupPolicyContainer objects under " + base + ", " + legacy.size()
                + " named '" + PREFIX + " ...'");
        if (legacy.isEmpty()) {
            return CheckResult.pass("No '" + PREFIX + " ...' group policy objects are left.", evidence);
        }
        String count = legacy.size() == 1 ? "1 legacy '" + PREFIX + " ...' GPO is"
                : legacy.size() + " legacy '" + PREFIX + " ...' GPOs are";
        return CheckResult.fail(count + " still in the domain, to be removed in step 4: " + String.join(", ", legacy)
                + ".", evidence,
                "In step 4 (task move.legacy-gpos), on the source: Server Management, Advanced Management, Group"
                        + " Policy Management, the domain's Group Policy Objects; back up any you changed, then"
                        + " delete them (the Folder Redirection GPO goes in step 5).");
    }
}
