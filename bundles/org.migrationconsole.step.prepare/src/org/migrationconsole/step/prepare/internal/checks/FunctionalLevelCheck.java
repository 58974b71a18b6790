package org.migrationconsole.step.prepare.internal.checks;

import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** Domain and forest functional levels are at least Windows Server 2003 (2). */
@Component(service = MigrationCheck.class)
public class FunctionalLevelCheck extends PrepareCheck {

    private static final String[] NAMES = { "Windows 2000", "Windows Server 2003 interim", "Windows Server 2003",
            "Windows Server 2008", "Windows Server 2008 R2", "Windows Server 2012", "Windows Server 2012 R2",
            "Windows Server 2016" };

    public FunctionalLevelCheck() {
        super("domain.functional-level", "Domain and forest functional levels are Windows Server 2003 or higher",
                Severity.ERROR, "install.check-prerequisites");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Entry dse = ctx.directory().rootDse();
        int domain = Ldap.intValue(dse, "domainFunctionality", -1);
        int forest = Ldap.intValue(dse, "forestFunctionality", -1);
        List<String> evidence = List.of("rootDSE domainFunctionality: " + describe(domain),
                "rootDSE forestFunctionality: " + describe(forest),
                "rootDSE domainControllerFunctionality: " + describe(Ldap.intValue(dse,
                        "domainControllerFunctionality", -1)));
        if (domain >= 2 && forest >= 2) {
            return CheckResult.pass("The domain (" + describe(domain) + ") and forest (" + describe(forest)
                    + ") functional levels are Windows Server 2003 or higher.", evidence);
        }
        return CheckResult.fail("The " + (domain < 2 ? "domain" : "") + (domain < 2 && forest < 2 ? " and " : "")
                + (forest < 2 ? "forest" : "") + " functional level is below Windows Server 2003.", evidence,
                "In Active Directory Domains and Trusts raise the domain functional level to Windows Server 2003"
                        + " (domain Properties, Raise Domain Functional Level), then the forest functional level"
                        + " (root node, Raise Forest Functional Level). Until then a Windows Server 2012 or later"
                        + " domain controller cannot join the domain, so the install is blocked.");
    }

    private static String describe(int level) {
        if (level < 0) {
            return "(not set)";
        }
        return level + (level < NAMES.length ? " (" + NAMES[level] + ")" : "");
    }
}
