package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The source answers LDAP (root DSE) and DNS on its own address. */
@Component(service = MigrationCheck.class)
public class SourceReachableCheck extends PrepareCheck {

    public SourceReachableCheck() {
        super("source.reachable", "The source server answers LDAP and DNS", Severity.ERROR, "prepare.network");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        String host = ctx.profile().sourceHost();
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Entry dse = ctx.directory().rootDse();
        for (String a : List.of("dnsHostName", "serverName", "currentTime")) {
            String v = dse.first(a);
            evidence.add("LDAP rootDSE " + a + ": " + (v == null ? "(missing)" : v));
            if (v == null) {
                problems.add("the root DSE has no " + a);
            }
        }
        String answered = dse.first("dnsHostName");
        if (answered != null && !answered.equalsIgnoreCase(host)) {
            problems.add("LDAP was answered by " + answered + ", not by " + host);
        }
        String dnsServer = ctx.profile().sourceAddressIfKnown().orElse(host);
        try {
            NameLookup dns = ctx.dns();
            dnsServer = dns.server();
            List<String> a = dns.addresses(host);
            evidence.add("DNS server " + dns.server() + " answered the A query for " + host + ": "
                    + (a.isEmpty() ? "no A record" : String.join(", ", a)));
        } catch (Exception e) {
            problems.add("the DNS server on " + dnsServer + " did not answer");
            evidence.add("DNS query for " + host + " at " + dnsServer + " failed: "
                    + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        if (problems.isEmpty()) {
            return CheckResult.pass("The source " + answered + " answered LDAP and its DNS server at " + dnsServer
                    + " answered.", evidence);
        }
        return CheckResult.fail("The source does not answer as expected: " + String.join("; ", problems) + ".",
                evidence, "Make sure source.host names the SBS server itself (its full DNS name), that the DNS Server"
                        + " service runs on it and listens on " + dnsServer + " (DNS console, server Properties,"
                        + " Interfaces), and that nothing between this machine and the server blocks ports 53 and "
                        + (ctx.profile().ldapSecurity().id().equals("ldaps") ? "636" : "389") + ".");
    }
}
