package org.migrationconsole.step.join.internal.checks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Classifier.Classification;
import org.migrationconsole.step.join.internal.clients.Classifier.Kind;
import org.migrationconsole.step.join.internal.clients.Computer;
import org.migrationconsole.step.join.internal.clients.Inventory;
import org.migrationconsole.step.join.internal.clients.InventoryLine;
import org.migrationconsole.step.join.internal.clients.Marks;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The inventory of computer accounts (one evidence line per computer, {@link InventoryLine}), classified
 * with the step's stale-days setting. Information only: it passes whenever the directory could be read.
 */
@Component(service = MigrationCheck.class)
public class InventoryCheck extends DeclaredCheck {

    public static final String ID = "clients.inventory";
    private volatile BundleContext bundleContext;

    public InventoryCheck() {
        super(ID, "Inventory of the computer accounts (system, logon, DNS)", "join", Severity.INFO, null, false,
                Duration.ofSeconds(30));
    }

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        int staleDays = StateAccess.with(bundleContext, Marks::staleDays, Classifier.DEFAULT_STALE_DAYS);
        Classifier classifier = new Classifier(staleDays);
        LocalDate today = ctx.now().atZone(ZoneOffset.UTC).toLocalDate();
        List<Computer> computers = Inventory.read(ctx, true);
        List<String> evidence = new ArrayList<>();
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        int active = 0;
        for (Computer c : computers) {
            Classification k = classifier.classify(c, today);
            counts.merge(k.kind(), 1, Integer::sum);
            active += k.active() ? 1 : 0;
            evidence.add(InventoryLine.format(c) + " | class " + k.kind().id());
        }
        evidence.add("rule: stale = enabled, but no logon (lastLogonTimestamp, or whenCreated when none) for more than "
                + staleDays + " days (step 3's input stale-days; default " + Classifier.DEFAULT_STALE_DAYS
                + "); legacy = " + System.getProperty("migrationconsole.clients.legacy", Classifier.DEFAULT_LEGACY)
                + "; Connector = " + System.getProperty("migrationconsole.clients.connector",
                        Classifier.DEFAULT_CONNECTOR)
                + " (only XP and Vista are confirmed by the migration guide; the rest is settable)");
        List<String> parts = new ArrayList<>();
        for (Kind k : Kind.values()) {
            Integer n = counts.get(k);
            if (n != null) {
                parts.add(n + " " + k.shortLabel());
            }
        }
        return CheckResult.pass(computers.size() + " computer accounts: " + String.join(", ", parts) + "; " + active
                + " active to account for in step 3.", evidence);
    }
}
