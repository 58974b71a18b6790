package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** Whether the source is an authorized DHCP server in AD; passes either way and says what it means. */
@Component(service = MigrationCheck.class)
public class DhcpOnSourceCheck extends PrepareCheck {

    /** One dhcpServers value: {@code i<address>$rcn=<dns name>$f0x...$}. */
    private static final Pattern SERVER = Pattern.compile("i([^$]*)\\$rcn=([^$]*)\\$");

    public DhcpOnSourceCheck() {
        super("dhcp.on-source", "Where DHCP runs (authorized DHCP servers in AD)", Severity.INFO,
                "prepare.dhcp-plan");
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String base = "CN=NetServices,CN=Services," + dir.configurationNamingContext();
        String host = ctx.profile().sourceHost();
        String address = ctx.profile().sourceAddressIfKnown().orElse(null);
        Set<String> servers = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (Entry e : dir.search(base, Scope.SUBTREE, "(objectClass=dHCPClass)", "cn", "dhcpServers")) {
            for (String v : e.values("dhcpServers")) {
                evidence.add(e.dn() + " dhcpServers: " + v);
                Matcher m = SERVER.matcher(v);
                while (m.find()) {
                    servers.add(m.group(2) + " (" + m.group(1) + ")");
                }
            }
        }
        boolean onSource = servers.stream().anyMatch(s -> s.toLowerCase(java.util.Locale.ROOT)
                .startsWith(host.toLowerCase(java.util.Locale.ROOT) + " ")
                || (address != null && s.endsWith("(" + address + ")")));
        if (evidence.isEmpty()) {
            evidence.add("no dHCPClass objects with dhcpServers under " + base);
        }
        if (onSource) {
            return CheckResult.pass("The source " + host + " is an authorized DHCP server, so it keeps handing out"
                    + " addresses during the migration and DHCP moves to the router only after the source is"
                    + " removed (step 6, task demote.move-dhcp).", evidence);
        }
        return CheckResult.pass("The source " + host + " is not an authorized DHCP server"
                + (servers.isEmpty() ? "" : " (authorized: " + String.join(", ", servers) + ")")
                + ", so DHCP runs elsewhere, presumably on the router; leave it there and skip the DHCP move in"
                + " step 6.",
                evidence);
    }
}
