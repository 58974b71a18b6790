package org.migrationconsole.step.bpa.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.step.bpa.internal.rules.BpaRule;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.rules.Rules;
import org.migrationconsole.step.bpa.internal.store.BpaRun;
import org.migrationconsole.step.bpa.internal.store.BpaStore;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs the analyzer: connects to the destination through the check runner (the profile's
 * destination in place of its source, same domain, account and LDAP protection), runs every rule,
 * keeps the run in the workspace ({@link BpaStore}) and journals it. Shared by the {@code bpa}
 * command and the view.
 */
@Component(service = BpaService.class)
public class BpaService {

    @Reference
    private CheckService checks;

    @Reference
    private MigrationStateService state;

    private BundleContext bundle;

    @Activate
    void activate(BundleContext context) {
        this.bundle = context;
    }

    public List<BpaRule> rules() {
        return Rules.all();
    }

    public BpaStore store() {
        return new BpaStore(state.workspace().directory());
    }

    /** The profile's destination as the server to connect to, or an exception naming the field. */
    static ConnectionProfile destinationProfile(ConnectionProfile p) {
        if (p.destinationHost() == null || p.destinationHost().isBlank()) {
            throw new IllegalArgumentException("the profile names no destination server (destination.host): the"
                    + " analyzer reads the destination");
        }
        return new ConnectionProfile(p.name(), p.destinationHost(), p.destinationAddress(), p.domain(),
                p.netbiosDomain(), p.adminAccount(), p.ldapSecurity(), p.destinationHost(), p.destinationAddress(),
                p.target(), p.caFile());
    }

    /** One analyzer run in progress: what the analyzer check reads and where it leaves its findings. */
    static final class Request {
        private final ConnectionProfile profile;
        private final String oldServer;
        private final List<BpaRule> rules;
        private final Consumer<Finding> progress;
        private volatile List<Finding> findings;
        private volatile boolean canceled;

        Request(ConnectionProfile profile, String oldServer, List<BpaRule> rules, Consumer<Finding> progress) {
            this.profile = profile;
            this.oldServer = oldServer;
            this.rules = rules;
            this.progress = progress;
        }

        ConnectionProfile profile() {
            return profile;
        }

        String oldServer() {
            return oldServer;
        }

        List<BpaRule> rules() {
            return rules;
        }

        void progress(Finding f) {
            if (progress != null) {
                progress.accept(f);
            }
        }

        void finish(List<Finding> all, boolean wasCanceled) {
            this.findings = List.copyOf(all);
            this.canceled = wasCanceled;
        }
    }

    /**
     * Runs every rule against the profile's destination and keeps the run.
     *
     * @throws ConnectionException the destination cannot be reached or refuses the credentials
     * @throws IllegalArgumentException the profile names no destination
     * @throws IOException the run cannot be kept in the workspace
     */
    public synchronized BpaRun run(ConnectionProfile profile, char[] password, Consumer<Finding> progress,
            BooleanSupplier canceled) throws ConnectionException, IOException {
        ConnectionProfile dest = destinationProfile(profile);
        Request request = new Request(dest, profile.sourceHost(), rules(), progress);
        Instant started = Instant.now();
        ServiceRegistration<MigrationCheck> reg = bundle.registerService(MigrationCheck.class,
                new BpaAnalyzerCheck(request), null);
        CheckRun run;
        try {
            long until = System.nanoTime() + 2_000_000_000L;
            while (checks.checks().stream().noneMatch(c -> c.id().equals(BpaAnalyzerCheck.ID))
                    && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            run = checks.run(dest, password, "bpa", null, canceled);
        } finally {
            reg.unregister();
        }
        List<Finding> findings = request.findings;
        if (findings == null) {
            String why = run.outcomes().stream().filter(o -> o.checkId().equals(BpaAnalyzerCheck.ID)).findFirst()
                    .map(CheckOutcome::result).map(r -> r.status().id() + ": " + r.message())
                    .orElse("the check runner did not run it");
            if (run.canceled()) {
                findings = List.of();
            } else {
                throw new IOException("the analyzer did not finish: " + why);
            }
        }
        String server = dest.destinationAddress() != null ? dest.destinationHost() + " (" + dest.destinationAddress()
                + ")" : dest.destinationHost();
        BpaRun result = new BpaRun(BpaRun.idOf(started), started, "console", dest.destinationHost(), server,
                run.canceled() || request.canceled, findings);
        store().save(result);
        try {
            state.recordEvent("bpa", "analyzer run " + result.id() + " on " + result.destination() + ": "
                    + result.findings().size() + " rules, " + result.open().size() + " open finding(s)"
                    + (result.open().isEmpty() ? "" : " (" + String.join(", ", result.open().stream()
                            .map(Finding::ruleId).toList()) + ")") + (result.canceled() ? " (cancelled)" : ""));
        } catch (MigrationRuleException | RuntimeException e) {
            // a read-only workspace: the run is still shown
        }
        return result;
    }

    /** Keeps an imported run (see {@code MicrosoftBpaImport}) and journals it. */
    public BpaRun keep(BpaRun run) throws IOException {
        store().save(run);
        try {
            state.recordEvent("bpa", "imported a Microsoft BPA result as run " + run.id() + " (" + run.server()
                    + "): " + run.findings().size() + " result(s), " + run.open().size() + " open");
        } catch (MigrationRuleException | RuntimeException e) {
            // read-only workspace
        }
        return run;
    }

    static List<String> ids(List<Finding> f) {
        List<String> out = new ArrayList<>();
        f.forEach(x -> out.add(x.ruleId()));
        return out;
    }
}
