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

/** Users that still run the SBS logon script, and whether NETLOGON holds it (catalog 4.3). */
@Component(service = MigrationCheck.class)
public class LogonScriptUsersCheck extends DeclaredCheck {

    public LogonScriptUsersCheck() {
        super("domain.sbs-logon-script-users",
                "Users still running the SBS logon script",
                "move", Severity.INFO, null);
    }

    static final String SCRIPT = "SBS_LOGIN_SCRIPT.bat";

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        List<String> users = new ArrayList<>();
        for (Entry e : dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=person)(objectClass=user)(scriptPath=*))", "sAMAccountName", "scriptPath")) {
            if (SCRIPT.equalsIgnoreCase(e.first("scriptPath").strip())) {
                users.add(e.first("sAMAccountName"));
            }
        }
        users.sort(String.CASE_INSENSITIVE_ORDER);
        List<String> evidence = new ArrayList<>();
        evidence.add("users with scriptPath " + SCRIPT + " (" + users.size() + "): "
                + (users.isEmpty() ? "none" : String.join(", ", users)));
        Boolean inNetlogon;
        try {
            List<String> files = ctx.shares().list("NETLOGON", "");
            inNetlogon = files.stream().anyMatch(SCRIPT::equalsIgnoreCase);
            evidence.add("NETLOGON holds: " + (files.isEmpty() ? "nothing" : String.join(", ", files)));
        } catch (Exception e) {
            inNetlogon = null;
            evidence.add("NETLOGON could not be listed: " + e.getMessage());
        }
        String script = inNetlogon == null ? "NETLOGON could not be read" : inNetlogon
                ? "NETLOGON holds the script" : "NETLOGON does not hold the script";
        if (users.isEmpty()) {
            return CheckResult.pass("No user runs " + SCRIPT + " at logon (" + script + ").", evidence);
        }
        String who = users.size() == 1 ? "1 user still runs " : users.size() + " users still run ";
        return CheckResult.fail(who + SCRIPT + " at logon and " + script + ".",
                evidence, "In step 4 (task move.logon-scripts) clear the Logon script field on the Profile tab of"
                        + " each of these users in Active Directory Users and Computers; keep a renamed copy of the"
                        + " script first if it was changed.");
    }
}
