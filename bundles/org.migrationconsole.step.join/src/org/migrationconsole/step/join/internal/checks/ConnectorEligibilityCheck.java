package org.migrationconsole.step.join.internal.checks;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Classifier.Kind;
import org.migrationconsole.step.join.internal.clients.Computer;
import org.migrationconsole.step.join.internal.clients.Inventory;
import org.osgi.service.component.annotations.Component;

/**
 * Lists the computers that cannot take the Connector: Windows 2000, XP or Vista, a system not
 * recognised, or a server (domain controllers are not clients and are left out).
 */
@Component(service = MigrationCheck.class)
public class ConnectorEligibilityCheck extends DeclaredCheck {

    public ConnectorEligibilityCheck() {
        super("clients.connector-eligibility",
                "Client computers can run the Connector (no Windows XP or Vista)",
                "join", Severity.WARNING, null);
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        Classifier classifier = new Classifier(Classifier.DEFAULT_STALE_DAYS);
        LocalDate today = ctx.now().atZone(ZoneOffset.UTC).toLocalDate();
        List<Computer> computers = Inventory.read(ctx, false);
        List<String> legacy = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int servers = 0;
        int read = 0;
        for (Computer c : computers) {
            Kind kind = classifier.systemKind(c);
            if (kind == Kind.DOMAIN_CONTROLLER) {
                continue; // the source is removed in step 6, the destination is the new server
            }
            read++;
            if (kind == Kind.CONNECTOR) {
                continue;
            }
            String why = switch (kind) {
                case LEGACY -> "cannot run the Connector";
                case SERVER -> "a server, not a Connector client";
                default -> "not a system the Connector knows";
            };
            servers += kind == Kind.SERVER ? 1 : 0;
            legacy.add(c.name() + (kind == Kind.SERVER ? " (server)" : ""));
            evidence.add(c.name() + ": " + (c.os().isEmpty() ? "no operatingSystem" : c.os())
                    + (c.servicePack().isEmpty() ? "" : " " + c.servicePack()) + " - " + why
                    + (classifier.classify(c, today).active() ? "" : " (" + classifier.classify(c, today).kind().label()
                            + ")")
                    + " (" + c.dn() + ")");
        }
        evidence.add(read + " computer accounts other than domain controllers read, " + legacy.size()
                + " of them not Connector clients (" + servers + " servers)");
        if (legacy.isEmpty()) {
            return CheckResult.pass("Every computer runs a system the Connector supports.", evidence);
        }
        return CheckResult.fail((legacy.size() == 1 ? "1 computer" : legacy.size() + " computers")
                + " cannot take the Windows Server Essentials Connector (Windows 2000, XP, Vista, an unknown system,"
                + " or a server): " + String.join(", ", legacy) + ".", evidence,
                "Upgrade or replace the clients, or leave them as plain domain members without the Connector"
                        + " (no client backup, health monitoring or Anywhere Access) and record that with 'clients"
                        + " mark NAME excluded --reason TEXT'; servers stay domain members and are handled by hand.");
    }
}
