package org.migrationconsole.step.move.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The SBS WMI filters PostSP2 and PreSP2 (removed in step 4, catalog 4.4a). */
@Component(service = MigrationCheck.class)
public class WmiFiltersCheck extends DeclaredCheck {

    public WmiFiltersCheck() {
        super("domain.wmi-filters",
                "SBS WMI filters PostSP2 and PreSP2",
                "move", Severity.INFO, null);
    }

    static final Set<String> SBS_FILTERS = Set.of("postsp2", "presp2");

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String base = "CN=SOM,CN=WMIPolicy,CN=System," + dir.defaultNamingContext();
        List<Entry> all = dir.search(base, Scope.ONE, "(objectClass=msWMI-Som)", "msWMI-Name", "msWMI-Parm1");
        Set<String> found = new TreeSet<>();
        List<String> evidence = new ArrayList<>();
        for (Entry e : all) {
            String name = e.first("msWMI-Name");
            String description = e.first("msWMI-Parm1");
            evidence.add("msWMI-Som " + name + (description == null ? "" : " (" + description + ")") + ": " + e.dn());
            if (name != null && SBS_FILTERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                found.add(name);
            }
        }
        if (all.isEmpty()) {
            evidence.add("no msWMI-Som objects under " + base);
        }
        if (found.isEmpty()) {
            return CheckResult.pass("The SBS WMI filters PostSP2 and PreSP2 are gone.", evidence);
        }
        return CheckResult.fail("The SBS WMI filters " + String.join(" and ", found) + " are still in the domain and"
                + " are to be removed in step 4.", evidence,
                "In step 4 (task move.wmi-filters), after deleting the legacy GPOs: Group Policy Management, the"
                        + " domain's WMI Filters, delete " + String.join(" and ", found) + ".");
    }
}
