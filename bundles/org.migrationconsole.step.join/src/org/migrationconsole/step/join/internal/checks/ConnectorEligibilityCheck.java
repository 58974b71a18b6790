package org.migrationconsole.step.join.internal.checks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** Lists the computers running Windows XP or Vista, which cannot run the Windows Server Essentials Connector. */
@Component(service = MigrationCheck.class)
public class ConnectorEligibilityCheck extends DeclaredCheck {

    public ConnectorEligibilityCheck() {
        super("clients.connector-eligibility",
                "Client computers can run the Connector (no Windows XP or Vista)",
                "join", Severity.WARNING, null);
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        List<Entry> computers = new ArrayList<>(dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=computer)(operatingSystem=*))", "cn", "operatingSystem",
                "operatingSystemServicePack"));
        computers.sort(Comparator.comparing(e -> String.valueOf(e.first("cn")), String.CASE_INSENSITIVE_ORDER));
        // the Connector runs on Windows 7, 8, 8.1, 10 and 11 (and Mac OS X); Windows 2000, XP, Vista and
        // anything not recognised are flagged; servers are named as such (they get no Connector)
        String source = ctx.profile().sourceHost().split("\\.")[0];
        List<String> legacy = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int servers = 0;
        for (Entry e : computers) {
            String cn = e.first("cn");
            if (cn != null && cn.equalsIgnoreCase(source)) {
                continue; // the source server itself is removed in step 6
            }
            String os = e.first("operatingSystem");
            String plain = os.replaceAll("[\u00ae\u2122]", "").toLowerCase(Locale.ROOT);
            boolean server = plain.contains("server");
            boolean supported = !server && (plain.matches(".*windows (7|8|8\\.1|10|11)\\b.*")
                    || plain.contains("mac os"));
            if (!supported) {
                String why = plain.contains("windows xp") || plain.contains("windows vista")
                        || plain.contains("windows 2000") ? "cannot run the Connector"
                                : server ? "a server, not a Connector client" : "not a system the Connector knows";
                String sp = e.first("operatingSystemServicePack");
                legacy.add(cn + (server ? " (server)" : ""));
                servers += server ? 1 : 0;
                evidence.add(cn + ": " + os + (sp == null ? "" : " " + sp) + " - " + why + " (" + e.dn() + ")");
            }
        }
        evidence.add(computers.size() + " computer objects with an operatingSystem read, " + legacy.size()
                + " of them not Connector clients (" + servers + " servers)");
        if (legacy.isEmpty()) {
            return CheckResult.pass("Every computer runs a system the Connector supports.", evidence);
        }
        return CheckResult.fail((legacy.size() == 1 ? "1 computer" : legacy.size() + " computers")
                + " cannot take the Windows Server Essentials Connector (Windows 2000, XP, Vista, an unknown system,"
                + " or a server): " + String.join(", ", legacy) + ".", evidence,
                "Upgrade or replace the clients, or leave them as plain domain members without the Connector"
                        + " (no client backup, health monitoring or Anywhere Access) and record that in task"
                        + " join.legacy-clients; servers stay domain members and are handled by hand.");
    }
}
