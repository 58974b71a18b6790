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
 * Reports whether "Log on as a service" is defined in the Default Domain Controllers Policy; the
 * replica-domain-controller path needs it cleared (catalog 1.10).
 */
@Component(service = MigrationCheck.class)
public class LogonAsServiceCheck extends PrepareCheck {

    static final String RIGHT = "SeServiceLogonRight";

    public LogonAsServiceCheck() {
        super("domain.logon-as-service", "'Log on as a service' is not defined in the DC policy (replica path)",
                Severity.ERROR, "prepare.clear-logon-as-service");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Optional<GptTmpl> template = GptTmpl.defaultDomainControllersPolicy(ctx);
        if (template.isEmpty()) {
            return CheckResult.skipped("Skipped: the Default Domain Controllers Policy is missing from SYSVOL"
                    + " (check domain.admins-trusted-for-delegation reports it).", List.of());
        }
        GptTmpl t = template.get();
        List<String> evidence = new ArrayList<>();
        evidence.add("read " + t.where());
        Optional<GptTmpl.Line> line = t.find("Privilege Rights", RIGHT);
        if (line.isEmpty()) {
            evidence.add("no " + RIGHT + " line in [Privilege Rights]");
            return CheckResult.pass("'Log on as a service' is not defined in the Default Domain Controllers Policy,"
                    + " as the replica-domain-controller path needs (it does not matter for migration mode).",
                    evidence);
        }
        evidence.add(line.get() + " = " + Sids.describeAll(line.get().entries(), ctx.directory()));
        if ("unknown".equals(ctx.taskState("prepare.clear-logon-as-service"))) {
            // the task exists only on the replica path (B); on migration mode the right may stay
            return CheckResult.skipped("'Log on as a service' is defined in the Default Domain Controllers Policy;"
                    + " only the replica-domain-controller path (B) needs it cleared, and the install path is"
                    + " migration mode (A).", evidence);
        }
        return CheckResult.fail("'Log on as a service' is defined in the Default Domain Controllers Policy; this"
                + " only matters on the replica-domain-controller path, which needs it cleared.", evidence,
                "Replica path only (task prepare.clear-logon-as-service): in the Default Domain Controllers Policy"
                        + " open Computer Configuration, Windows Settings, Security Settings, Local Policies, User"
                        + " Rights Assignment, 'Log on as a service' and clear 'Define these policy settings'; on"
                        + " the migration-mode path leave it.");
    }
}
