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
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** Lists the computers running Windows XP or Vista, which cannot run the Windows Server Essentials Connector. */
@Component(service = MigrationCheck.class)
public class ConnectorEligibilityCheck implements MigrationCheck {

    @Override
    public String id() {
        return "clients.connector-eligibility";
    }

    @Override
    public String title() {
        return "Client computers can run the Connector (no Windows XP or Vista)";
    }

    @Override
    public String stepId() {
        return "join";
    }

    @Override
    public Severity severity() {
        return Severity.WARNING;
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        List<Entry> computers = new ArrayList<>(dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=computer)(operatingSystem=*))", "cn", "operatingSystem",
                "operatingSystemServicePack"));
        computers.sort(Comparator.comparing(e -> String.valueOf(e.first("cn")), String.CASE_INSENSITIVE_ORDER));
        List<String> legacy = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Entry e : computers) {
            String os = e.first("operatingSystem");
            String plain = os.replaceAll("[\u00ae\u2122]", "").toLowerCase(Locale.ROOT);
            if (plain.contains("windows xp") || plain.contains("windows vista")) {
                String sp = e.first("operatingSystemServicePack");
                legacy.add(e.first("cn"));
                evidence.add(e.first("cn") + ": " + os + (sp == null ? "" : " " + sp) + " (" + e.dn() + ")");
            }
        }
        evidence.add(computers.size() + " computer objects with an operatingSystem read, " + legacy.size()
                + " of them Windows XP or Vista");
        if (legacy.isEmpty()) {
            return CheckResult.pass("No computer runs Windows XP or Vista, so every client can install the Connector.",
                    evidence);
        }
        return CheckResult.fail((legacy.size() == 1 ? "1 computer runs" : legacy.size() + " computers run")
                + " Windows XP or Vista and cannot run the Windows Server"
                + " Essentials Connector: " + String.join(", ", legacy) + ".", evidence,
                "Upgrade or replace these computers, or leave them as plain domain members without the Connector"
                        + " (no client backup, health monitoring or Anywhere Access) and record that in task"
                        + " join.legacy-clients.");
    }
}
