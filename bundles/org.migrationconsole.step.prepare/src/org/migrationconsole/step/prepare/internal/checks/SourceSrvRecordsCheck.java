package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The domain controller locator SRV records exist and name the source. */
@Component(service = MigrationCheck.class)
public class SourceSrvRecordsCheck extends PrepareCheck {

    public SourceSrvRecordsCheck() {
        super("source.dns.srv-records", "The DC locator SRV records point to the source", Severity.ERROR,
                "prepare.support-tools");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        String domain = ctx.profile().domain();
        String host = ctx.profile().sourceHost();
        String dseHost = ctx.directory().rootDse().first("dnsHostName");
        NameLookup dns = ctx.dns();
        List<String> evidence = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (String name : List.of("_ldap._tcp." + domain, "_ldap._tcp.dc._msdcs." + domain,
                "_kerberos._tcp." + domain)) {
            List<String> records = dns.services(name);
            evidence.add(name + " SRV at " + dns.server() + ": " + (records.isEmpty() ? "none"
                    : String.join("; ", records)));
            if (records.isEmpty()) {
                missing.add(name);
            } else if (records.stream().noneMatch(r -> pointsTo(r, host) || pointsTo(r, dseHost))) {
                elsewhere.add(name);
            }
        }
        if (missing.isEmpty() && elsewhere.isEmpty()) {
            return CheckResult.pass("The LDAP, DC and Kerberos SRV records of " + domain + " exist and point to "
                    + host + ".", evidence);
        }
        List<String> what = new ArrayList<>();
        if (!missing.isEmpty()) {
            what.add("missing: " + String.join(", ", missing));
        }
        if (!elsewhere.isEmpty()) {
            what.add("not pointing to " + host + ": " + String.join(", ", elsewhere));
        }
        return CheckResult.fail("Domain controller SRV records are wrong (" + String.join("; ", what) + ").",
                evidence, "On the source restart the Netlogon service (net stop netlogon, net start netlogon) so"
                        + " that it registers its SRV records again, make sure the " + domain
                        + " and _msdcs zones accept dynamic updates, then check with dcdiag /test:dns and run the"
                        + " checks again.");
    }

    /** "priority weight port target." names the host. */
    private static boolean pointsTo(String record, String host) {
        if (host == null) {
            return false;
        }
        String[] p = record.trim().split("\\s+");
        String target = p[p.length - 1];
        if (target.endsWith(".")) {
            target = target.substring(0, target.length() - 1);
        }
        return target.equalsIgnoreCase(host);
    }
}
