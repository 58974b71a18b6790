package org.migrationconsole.step.demote.internal.checks;

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

/** Printers the source publishes in AD (printQueue objects); disconnect them before demotion (catalog 6.2). */
@Component(service = MigrationCheck.class)
public class PrintersOnSourceCheck extends DeclaredCheck {

    public PrintersOnSourceCheck() {
        super("printers.on-source",
                "No printers are published by the source",
                "demote", Severity.WARNING, null);
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Directory dir = ctx.directory();
        String host = ctx.profile().sourceHost();
        String shortName = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        List<Entry> queues = dir.search(dir.defaultNamingContext(), Scope.SUBTREE, "(objectCategory=printQueue)",
                "printerName", "serverName", "shortServerName", "uNCName");
        List<String> onSource = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        for (Entry q : queues) {
            String server = q.first("serverName");
            String shortServer = q.first("shortServerName");
            if (host.equalsIgnoreCase(server) || shortName.equalsIgnoreCase(shortServer)) {
                onSource.add(q.first("printerName") + " (" + q.first("uNCName") + ")");
                evidence.add(q.dn() + ": printerName=" + q.first("printerName") + ", serverName=" + server
                        + ", shortServerName=" + shortServer + ", uNCName=" + q.first("uNCName"));
            }
        }
        evidence.add(queues.size() + " printQueue objects in the domain, " + onSource.size() + " published by "
                + host);
        if (onSource.isEmpty()) {
            return CheckResult.pass("The source publishes no printers in Active Directory.", evidence);
        }
        return CheckResult.fail((onSource.size() == 1 ? "1 printer is" : onSource.size() + " printers are")
                + " published by the source: "
                + String.join(", ", onSource) + ".", evidence, "Before demoting (task demote.printers) disconnect"
                        + " these printers from the source, make sure their printer objects are gone from Active"
                        + " Directory, then connect and share them from the destination.");
    }
}
