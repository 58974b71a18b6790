package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/**
 * Administrators hold "Enable computer and user accounts to be trusted for delegation" in the
 * Default Domain Controllers Policy (preparation tool rule 2).
 */
@Component(service = MigrationCheck.class)
public class DelegationRightCheck extends PrepareCheck {

    static final String RIGHT = "SeEnableDelegationPrivilege";

    public DelegationRightCheck() {
        super("domain.admins-trusted-for-delegation",
                "Administrators may enable accounts to be trusted for delegation", Severity.ERROR,
                "prepare.support-tools");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Optional<GptTmpl> template = GptTmpl.defaultDomainControllersPolicy(ctx);
        if (template.isEmpty()) {
            return CheckResult.fail("The Default Domain Controllers Policy " + GptTmpl.DDCP_GUID
                    + " is missing from SYSVOL.", List.of("no folder " + GptTmpl.DDCP_GUID + " in SYSVOL\\"
                            + ctx.profile().domain() + "\\Policies"),
                    "Restore the Default Domain Controllers Policy (dcgpofix /target:dc on the source, or a GPO"
                            + " backup), then grant Administrators the delegation right in it.");
        }
        GptTmpl t = template.get();
        List<String> evidence = new ArrayList<>();
        evidence.add("read " + t.where() + " (" + t.count("Privilege Rights") + " lines in [Privilege Rights])");
        Optional<GptTmpl.Line> line = t.find("Privilege Rights", RIGHT);
        if (line.isPresent()) {
            evidence.add(line.get() + " = " + Sids.describeAll(line.get().entries(), ctx.directory()));
            if (line.get().entries().stream().anyMatch(Sids::isAdministrators)) {
                return CheckResult.pass("The Default Domain Controllers Policy grants Administrators (*S-1-5-32-544)"
                        + " the right to enable accounts to be trusted for delegation.", evidence);
            }
        } else {
            evidence.add("no " + RIGHT + " line in [Privilege Rights]");
        }
        return CheckResult.fail("Administrators (*S-1-5-32-544) do not hold " + RIGHT
                + " in the Default Domain Controllers Policy, so the preparation tool stops with rule 2.", evidence,
                "In Group Policy Management edit the Default Domain Controllers Policy: Computer Configuration,"
                        + " Windows Settings, Security Settings, Local Policies, User Rights Assignment, 'Enable"
                        + " computer and user accounts to be trusted for delegation': add Administrators; then run"
                        + " gpupdate /force on the source and the checks again.");
    }
}
