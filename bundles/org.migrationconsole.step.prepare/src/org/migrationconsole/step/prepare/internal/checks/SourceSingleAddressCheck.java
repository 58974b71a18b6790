package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** The source's host name has exactly one A record in the domain's DNS (one network adapter). */
@Component(service = MigrationCheck.class)
public class SourceSingleAddressCheck extends PrepareCheck {

    public SourceSingleAddressCheck() {
        super("source.dns.single-address", "The source host name resolves to exactly one address", Severity.ERROR,
                "prepare.network");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        String host = ctx.profile().sourceHost();
        NameLookup dns = ctx.dns();
        List<String> addresses = dns.addresses(host);
        List<String> evidence = new ArrayList<>();
        evidence.add("A records of " + host + " at DNS server " + dns.server() + ": "
                + (addresses.isEmpty() ? "none" : String.join(", ", addresses)));
        String expected = ctx.profile().sourceAddressIfKnown().orElse(null);
        if (expected != null) {
            evidence.add("profile source.address: " + expected);
        }
        if (addresses.isEmpty()) {
            return CheckResult.fail("The source's own DNS server has no A record for " + host + ".", evidence,
                    "On the source run ipconfig /registerdns (or restart the Netlogon and DNS Client services) and"
                            + " check in the DNS console that " + host + " has one A record with the LAN address.");
        }
        if (addresses.size() > 1) {
            return CheckResult.fail(host + " resolves to " + addresses.size() + " addresses (" + String.join(", ",
                    addresses) + ") instead of one.", evidence, "Keep one network adapter on the source: in the"
                            + " DNS console delete the extra A records of " + host + " (keep "
                            + (expected != null ? expected : "the LAN address") + "), untick 'Register this"
                            + " connection's addresses in DNS' on any other adapter, and rerun the Configure E-mail"
                            + " and Internet Connection Wizard for a single adapter.");
        }
        if (expected != null && !expected.equals(addresses.get(0))) {
            return CheckResult.fail(host + " resolves to " + addresses.get(0) + ", but the profile says "
                    + expected + ".", evidence, "Correct source.address in the profile, or the A record of " + host
                            + " in the DNS console, so that both name the source's LAN address.");
        }
        return CheckResult.pass(host + " resolves to exactly one address, " + addresses.get(0) + ".", evidence);
    }
}
