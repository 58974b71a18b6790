package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The profile's admin account is in Enterprise Admins, Schema Admins and Domain Admins (also nested). */
@Component(service = MigrationCheck.class)
public class AdminGroupsCheck extends PrepareCheck {

    /** LDAP_MATCHING_RULE_IN_CHAIN: membership through nested groups too. */
    private static final String IN_CHAIN = "1.2.840.113556.1.4.1941";

    public AdminGroupsCheck() {
        super("domain.admin-groups", "The admin account is in Enterprise, Schema and Domain Admins", Severity.ERROR,
                "prepare.mpt-account");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String domain = dir.defaultNamingContext();
        String account = ctx.profile().adminAccount();
        List<Entry> found = dir.search(domain, Scope.SUBTREE, "(&(objectCategory=person)(objectClass=user)"
                + "(sAMAccountName=" + Ldap.escape(account) + "))", "memberOf", "primaryGroupID");
        if (found.isEmpty()) {
            return CheckResult.fail("The account " + account + " (profile source.admin) does not exist in "
                    + domain + ".", List.of("no user with sAMAccountName " + account),
                    "Set source.admin to the account that will run the preparation tool.");
        }
        Entry user = found.get(0);
        List<String> direct = user.values("memberOf");
        int primary = Ldap.intValue(user, "primaryGroupID", 0);
        // well-known RIDs: Domain Admins 512, Schema Admins 518, Enterprise Admins 519
        Map<Integer, String> required = new LinkedHashMap<>();
        required.put(519, "Enterprise Admins");
        required.put(518, "Schema Admins");
        required.put(512, "Domain Admins");
        Map<Integer, String> memberships = new LinkedHashMap<>();
        for (Entry g : dir.search(domain, Scope.SUBTREE, "(&(objectClass=group)(member:" + IN_CHAIN + ":="
                + Ldap.escape(user.dn()) + "))", "cn", "primaryGroupToken")) {
            int rid = Ldap.intValue(g, "primaryGroupToken", -1);
            boolean isDirect = direct.stream().anyMatch(d -> Ldap.sameDn(d, g.dn()));
            memberships.put(rid, g.first("cn") + (isDirect ? " (direct)" : " (nested)"));
        }
        if (required.containsKey(primary)) {
            memberships.putIfAbsent(primary, required.get(primary) + " (primary group)");
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("account " + user.dn());
        List<String> missing = new ArrayList<>();
        for (Map.Entry<Integer, String> r : required.entrySet()) {
            String m = memberships.get(r.getKey());
            evidence.add(r.getValue() + " (RID " + r.getKey() + "): "
                    + (m == null ? "not a member" : "member via " + m));
            if (m == null) {
                missing.add(r.getValue());
            }
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(account + " is a member of Enterprise Admins, Schema Admins and Domain Admins.",
                    evidence);
        }
        return CheckResult.fail(account + " is not a member of " + String.join(", ", missing) + ".", evidence,
                "Add " + account + " to " + String.join(", ", missing) + " (Active Directory Users and Computers,"
                        + " the account's Member Of tab), then log off and on again before running the preparation"
                        + " tool.");
    }
}
