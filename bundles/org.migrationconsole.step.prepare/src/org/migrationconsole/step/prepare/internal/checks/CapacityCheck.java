package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.check.TargetVersion;
import org.osgi.service.component.annotations.Component;

/**
 * The domain's people and computers fit the target's limits (25 users / 50 devices on Essentials,
 * 100 / 200 with the Essentials Experience role).
 *
 * <p>Users counted: enabled user objects of category person with the normal-account flag, except
 * the built-in and service accounts (krbtgt, Guest, SUPPORT_388945a0, IUSR_*, IWAM_*, SBSMonAcct,
 * SystemMailbox*) and user templates (disabled in SBS, or described as a template). Devices
 * counted: computer objects except domain controllers.
 */
@Component(service = MigrationCheck.class)
public class CapacityCheck extends PrepareCheck {

    public CapacityCheck() {
        super("domain.capacity", "Users and devices fit the destination's limits", Severity.ERROR,
                "install.check-prerequisites");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String domain = dir.defaultNamingContext();
        TargetVersion target = ctx.profile().target();
        List<String> users = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        List<String> service = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (Entry e : dir.search(domain, Scope.SUBTREE, "(&(objectCategory=person)(objectClass=user))",
                "sAMAccountName", "userAccountControl", "description")) {
            String sam = e.first("sAMAccountName");
            int uac = Ldap.intValue(e, "userAccountControl", 0);
            String desc = e.first("description") == null ? "" : e.first("description").toLowerCase(Locale.ROOT);
            if (sam == null || (uac & Ldap.NORMAL_ACCOUNT) == 0) {
                continue; // not a normal user account (e.g. inter-domain trust)
            }
            if (isServiceAccount(sam)) {
                service.add(sam);
            } else if (desc.contains("template")) {
                templates.add(sam);
            } else if ((uac & Ldap.ACCOUNTDISABLE) != 0) {
                disabled.add(sam);
            } else {
                users.add(sam);
            }
        }
        List<String> computers = new ArrayList<>();
        List<String> controllers = new ArrayList<>();
        int disabledComputers = 0;
        for (Entry e : dir.search(domain, Scope.SUBTREE, "(objectCategory=computer)", "cn", "userAccountControl",
                "primaryGroupID")) {
            int uac = Ldap.intValue(e, "userAccountControl", 0);
            String name = e.first("cn") != null ? e.first("cn") : Ldap.rdnValue(e.dn());
            if ((uac & Ldap.SERVER_TRUST_ACCOUNT) != 0 || Ldap.intValue(e, "primaryGroupID", 0) == 516) {
                controllers.add(name);
            } else {
                computers.add(name);
                if ((uac & Ldap.ACCOUNTDISABLE) != 0) {
                    disabledComputers++;
                }
            }
        }
        Comparator<String> byName = String.CASE_INSENSITIVE_ORDER;
        users.sort(byName);
        computers.sort(byName);
        service.sort(byName);
        templates.sort(byName);
        disabled.sort(byName);
        List<String> evidence = new ArrayList<>();
        evidence.add("target " + target.id() + ": at most " + target.maxUsers() + " users and " + target.maxDevices()
                + " devices");
        evidence.add("users counted (" + users.size() + "): " + String.join(", ", users));
        evidence.add("rule: enabled user accounts (objectCategory=person, normal account); not counted: disabled ("
                + disabled.size() + (disabled.isEmpty() ? "" : ": " + String.join(", ", disabled))
                + "), built-in and service accounts (" + service.size() + ": " + String.join(", ", service)
                + "), user templates (" + templates.size() + (templates.isEmpty() ? "" : ": "
                        + String.join(", ", templates)) + ")");
        evidence.add("devices counted (" + computers.size() + "): " + String.join(", ", computers)
                + (disabledComputers > 0 ? " (" + disabledComputers + " of them disabled, still counted until deleted)"
                        : ""));
        evidence.add("rule: computer accounts except domain controllers (" + String.join(", ", controllers) + ")");
        boolean tooManyUsers = users.size() > target.maxUsers();
        boolean tooManyDevices = computers.size() > target.maxDevices();
        if (!tooManyUsers && !tooManyDevices) {
            return CheckResult.pass(users.size() + " users and " + computers.size() + " devices fit "
                    + target.label() + " (" + target.maxUsers() + " / " + target.maxDevices() + ").", evidence);
        }
        String over = (tooManyUsers ? users.size() + " users (limit " + target.maxUsers() + ")" : "")
                + (tooManyUsers && tooManyDevices ? " and " : "")
                + (tooManyDevices ? computers.size() + " devices (limit " + target.maxDevices() + ")" : "");
        return CheckResult.fail("The domain has " + over + ", more than " + target.label() + " allows.", evidence,
                "Disable or delete the accounts and computers no longer in use, or choose a destination with room"
                        + " for them (Windows Server Standard with the Essentials Experience role allows 100 users"
                        + " and 200 devices) and set target.version accordingly.");
    }

    static boolean isServiceAccount(String sam) {
        String s = sam.toLowerCase(Locale.ROOT);
        return s.equals("krbtgt") || s.equals("guest") || s.startsWith("support_388945a0") || s.startsWith("iusr_")
                || s.startsWith("iwam_") || s.equals("sbsmonacct") || s.startsWith("systemmailbox");
    }
}
