package org.migrationconsole.step.join.internal.checks;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.step.join.internal.clients.Classifier;
import org.migrationconsole.step.join.internal.clients.Classifier.Classification;
import org.migrationconsole.step.join.internal.clients.Computer;
import org.migrationconsole.step.join.internal.clients.Inventory;
import org.migrationconsole.step.join.internal.clients.Marks;
import org.migrationconsole.step.join.internal.clients.Marks.Mark;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Gates {@code join.connector}: every active computer (enabled, not stale, not a domain controller)
 * is marked connected or excluded with a reason. Warning severity: a pre-flight run is not blocked by
 * clients that are naturally not connected yet, but the task completes only when this passes.
 */
@Component(service = MigrationCheck.class)
public class AccountedCheck extends DeclaredCheck {

    public static final String ID = "clients.accounted";
    private volatile BundleContext bundleContext;

    public AccountedCheck() {
        super(ID, "Every active computer is connected or excluded with a reason", "join", Severity.WARNING,
                Marks.TASK, false, Duration.ofSeconds(30));
    }

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        int staleDays = StateAccess.with(bundleContext, Marks::staleDays, Classifier.DEFAULT_STALE_DAYS);
        Map<String, Mark> marks = StateAccess.with(bundleContext, Marks::read, null);
        if (marks == null) {
            return CheckResult.error("The migration state is not available, so the marks cannot be read.",
                    "Run the check from the console or the command line of a workspace.");
        }
        Classifier classifier = new Classifier(staleDays);
        LocalDate today = ctx.now().atZone(ZoneOffset.UTC).toLocalDate();
        List<String> evidence = new ArrayList<>();
        List<String> left = new ArrayList<>();
        List<String> notCounted = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int connected = 0;
        int excluded = 0;
        int active = 0;
        for (Computer c : Inventory.read(ctx, false)) {
            seen.add(c.name().toUpperCase(Locale.ROOT));
            Classification k = classifier.classify(c, today);
            Optional<Mark> m = Marks.of(marks, c.name());
            if (!k.active()) {
                notCounted.add(c.name() + " (" + k.kind().shortLabel() + ")");
                continue;
            }
            active++;
            if (m.isEmpty()) {
                left.add(c.name());
                evidence.add(c.name() + " (" + k.kind().shortLabel() + "): not accounted for");
            } else {
                Mark x = m.get();
                connected += x.connected() ? 1 : 0;
                excluded += x.connected() ? 0 : 1;
                evidence.add(c.name() + " (" + k.kind().shortLabel() + "): " + x.state()
                        + (x.reason() == null ? "" : " (" + x.reason() + ")") + ", marked " + x.at() + " by " + x.who());
            }
        }
        evidence.add("not counted (" + notCounted.size() + "): " + (notCounted.isEmpty() ? "none"
                : String.join(", ", notCounted)) + "; stale after " + staleDays + " days without a logon");
        List<String> gone = marks.values().stream().filter(x -> !seen.contains(x.computer().toUpperCase(Locale.ROOT)))
                .map(Mark::computer).toList();
        if (!gone.isEmpty()) {
            evidence.add("marked, but no longer in the directory: " + String.join(", ", gone));
        }
        if (left.isEmpty()) {
            return CheckResult.pass("All " + active + " active computers are accounted for (" + connected
                    + " connected, " + excluded + " excluded).", evidence);
        }
        return CheckResult.fail(left.size() + " of " + active + " active computers are not accounted for yet: "
                + String.join(", ", left) + ".", evidence,
                "On each computer that can run it, install the Connector from http://<destination>/connect, then"
                        + " run 'clients mark NAME connected'; for a computer that"
                        + " will not get it (Windows XP or Vista, a server, one about to be retired) run 'clients"
                        + " mark NAME excluded --reason TEXT'.");
    }
}
