package org.migrationconsole.connect.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.FileShares;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs the registered checks in parallel against the source server, keeps the results in the
 * workspace and journals each run ({@link CheckGate} gates the tasks on them).
 */
@Component(service = CheckService.class)
public class CheckServiceComponent implements CheckService {

    /** Connect and per-request timeout for the shared connections. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private final List<MigrationCheck> checks = new CopyOnWriteArrayList<>();

    @Reference
    private MigrationStateService state;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(MigrationCheck check) {
        checks.add(check);
    }

    void removeCheck(MigrationCheck check) {
        checks.remove(check);
    }

    @Override
    public List<MigrationCheck> checks() {
        List<MigrationCheck> out = new ArrayList<>(checks);
        out.sort(Comparator.comparing(MigrationCheck::id));
        return out;
    }

    private RunStore store() {
        return new RunStore(state.workspace().directory());
    }

    @Override
    public Optional<CheckRun> lastRun() {
        return store().lastRun();
    }

    @Override
    public String testConnection(ConnectionProfile profile, char[] password) throws ConnectionException {
        if (password == null || password.length == 0) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "No password for "
                    + profile.adminAccount() + "@" + profile.domain() + " was given");
        }
        CertificatePins pins = new CertificatePins(state.workspace().directory());
        try (LdapDirectory directory = LdapDirectory.connect(profile, password, pins, CONNECT_TIMEOUT_MS)) {
            Directory.Entry dse = directory.rootDse();
            String cert = switch (profile.ldapSecurity()) {
                case PLAIN -> "without encryption (plain LDAP, chosen in the profile)";
                default -> "over " + profile.ldapSecurity().id().toUpperCase(java.util.Locale.ROOT) + (directory
                        .newlyPinned() != null ? ", certificate pinned on first contact: SHA-256 "
                                + directory.newlyPinned() : profile.caFile() != null
                                        ? ", certificate issued by the profile's CA" : ", pinned certificate matched");
            };
            if (directory.newlyPinned() != null) {
                journal("certificate", "pinned the LDAP certificate of " + profile.sourceHost()
                        + " on first contact: SHA-256 " + directory.newlyPinned());
            }
            return "Connected to " + dse.first("dnsHostName") + " as " + profile.adminAccount() + "@" + profile.domain()
                    + " " + cert + ". Domain " + dse.first("defaultNamingContext") + ".";
        } catch (ConnectionException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectionException(ConnectionException.Kind.UNREACHABLE,
                    "Connected, but reading the root DSE failed: " + e.getMessage(), e);
        }
    }

    @Override
    public CheckRun run(ConnectionProfile profile, char[] password, String stepId, Consumer<CheckOutcome> progress,
            BooleanSupplier canceled) throws ConnectionException {
        if (password == null || password.length == 0) {
            throw new ConnectionException(ConnectionException.Kind.NO_PASSWORD, "No password for "
                    + profile.adminAccount() + "@" + profile.domain() + " was given");
        }
        List<MigrationCheck> selected = checks().stream().filter(c -> stepId == null || c.stepId().equals(stepId))
                .toList();
        Instant started = Instant.now();
        CertificatePins pins = new CertificatePins(state.workspace().directory());
        try (LdapDirectory directory = LdapDirectory.connect(profile, password, pins, CONNECT_TIMEOUT_MS)) {
            if (directory.newlyPinned() != null) {
                journal("certificate", "pinned the LDAP certificate of " + profile.sourceHost() + " on first contact:"
                        + " SHA-256 " + directory.newlyPinned());
            }
            Context context = new Context(profile, password, directory, started);
            List<CheckOutcome> outcomes = runAll(selected, context, progress, canceled);
            boolean wasCanceled = canceled.getAsBoolean();
            outcomes.sort(Comparator.comparing(CheckOutcome::checkId));
            CheckRun run = new CheckRun(started, profile.name(), outcomes, wasCanceled);
            try {
                store().save(run);
            } catch (java.io.IOException e) {
                throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE,
                        "Cannot store the check results in the workspace: " + e.getMessage(), e);
            }
            journal("checks", summary(run, stepId));
            completePassedTasks(run);
            return run;
        }
    }

    private List<CheckOutcome> runAll(List<MigrationCheck> selected, Context context, Consumer<CheckOutcome> progress,
            BooleanSupplier canceled) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(8, selected.size())), r -> {
            Thread t = new Thread(r, "migration-check");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            List<java.util.concurrent.atomic.AtomicReference<Instant>> starts = new ArrayList<>();
            for (MigrationCheck c : selected) {
                java.util.concurrent.atomic.AtomicReference<Instant> started = new java.util.concurrent.atomic.AtomicReference<>();
                starts.add(started);
                futures.add(pool.submit(() -> {
                    // a check's time runs from when it gets a worker, not from when it was queued
                    started.set(Instant.now());
                    return c.run(context);
                }));
            }
            List<CheckOutcome> out = new ArrayList<>();
            for (int i = 0; i < selected.size(); i++) {
                MigrationCheck c = selected.get(i);
                CheckResult r = await(futures.get(i), starts.get(i), c.timeout(), canceled);
                Instant end = Instant.now();
                Instant begun = starts.get(i).get() == null ? end : starts.get(i).get();
                CheckOutcome o = new CheckOutcome(c.id(), c.title(), c.stepId(), c.taskId().orElse(null), c.severity(),
                        r, end, Duration.between(begun, end).toMillis());
                out.add(o);
                if (progress != null) {
                    progress.accept(o);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static CheckResult await(Future<CheckResult> f, java.util.concurrent.atomic.AtomicReference<Instant> start,
            Duration timeout, BooleanSupplier canceled) {
        while (true) {
            if (canceled.getAsBoolean()) {
                f.cancel(true);
                return CheckResult.skipped(start.get() == null ? "Cancelled before it started"
                        : "Cancelled before it finished", List.of());
            }
            Instant begun = start.get();
            long left = begun == null ? 100 : Duration.between(Instant.now(), begun.plus(timeout)).toMillis();
            if (left <= 0) {
                f.cancel(true);
                return CheckResult.error("Timed out after " + timeout.toSeconds() + " s",
                        "Check that the source server answers; run the checks again");
            }
            try {
                CheckResult r = f.get(Math.min(left, 100), TimeUnit.MILLISECONDS);
                return r == null ? CheckResult.error("The check returned nothing", "Report this defect") : r;
            } catch (TimeoutException e) {
                // poll again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.skipped("Interrupted", List.of());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return CheckResult.error("Could not read what the check needs: " + cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                        "Check the connection to the source server and run the checks again");
            }
        }
    }

    static String summary(CheckRun run, String stepId) {
        StringBuilder sb = new StringBuilder();
        sb.append(run.outcomes().size()).append(" checks").append(stepId == null ? "" : " of step " + stepId)
                .append(" against '").append(run.profileName()).append("': ");
        for (CheckStatus s : CheckStatus.values()) {
            long n = run.outcomes().stream().filter(o -> o.result().status() == s).count();
            if (n > 0) {
                sb.append(n).append(' ').append(s.id()).append(", ");
            }
        }
        sb.setLength(sb.length() - 2);
        if (!run.errors().isEmpty()) {
            sb.append("; blocking: ").append(String.join(", ", run.errors().stream().map(CheckOutcome::checkId)
                    .toList()));
        }
        if (run.canceled()) {
            sb.append(" (cancelled)");
        }
        return sb.toString();
    }

    /**
     * A check-gated task completes itself when a check that proves it ({@code completesTask()})
     * passed and its other gating checks pass too (e.g. the FSMO transfer once destination.fsmo
     * sees all five roles on the destination); the note names the check. Tasks off the current
     * path, done, or blocked by prerequisites are left alone.
     */
    private void completePassedTasks(CheckRun run) {
        if (state.workspace().readOnly()) {
            return;
        }
        java.util.Set<String> proving = new java.util.HashSet<>();
        for (MigrationCheck c : checks) {
            if (c.completesTask()) {
                proving.add(c.id());
            }
        }
        for (CheckOutcome o : run.outcomes()) {
            if (o.taskId() == null || o.result().status() != CheckStatus.PASS || !proving.contains(o.checkId())) {
                continue;
            }
            state.task(o.taskId()).ifPresent(t -> {
                if (t.descriptor().kind() == org.migrationconsole.api.step.TaskKind.CHECK_GATED
                        && !t.recordedState().isDone() && t.blockedReasons().isEmpty()) {
                    try {
                        state.complete(t.id(), "completed by the check run: " + o.checkId() + " passed ("
                                + o.result().message() + ")");
                    } catch (MigrationRuleException | RuntimeException e) {
                        // another gating check does not pass yet: the task stays open
                    }
                }
            });
        }
    }

    private void journal(String subject, String text) {
        try {
            state.recordEvent(subject, text);
        } catch (MigrationRuleException | RuntimeException e) {
            // a read-only workspace still shows results; the journal is the writer's
        }
    }

    /** What the checks may read; DNS and SMB are opened on first use. */
    private final class Context implements CheckContext {
        private final ConnectionProfile profile;
        private final char[] password;
        private final LdapDirectory directory;
        private final Instant now;
        private NameLookup dns;
        private FileShares shares;

        Context(ConnectionProfile profile, char[] password, LdapDirectory directory, Instant now) {
            this.profile = profile;
            this.password = password.clone();
            this.directory = directory;
            this.now = now;
        }

        @Override
        public ConnectionProfile profile() {
            return profile;
        }

        @Override
        public Directory directory() {
            return directory;
        }

        @Override
        public synchronized NameLookup dns() {
            if (dns == null) {
                try {
                    String server = profile.sourceAddressIfKnown().orElse(
                            java.net.InetAddress.getByName(profile.sourceHost()).getHostAddress());
                    dns = new DnsNameLookup(server, Duration.ofSeconds(3));
                } catch (Exception e) {
                    throw new IllegalStateException("cannot set up DNS queries to the source: " + e.getMessage(), e);
                }
            }
            return dns;
        }

        @Override
        public synchronized FileShares shares() {
            if (shares == null) {
                try {
                    shares = new SmbFileShares(profile, password, CONNECT_TIMEOUT_MS);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot set up SMB to the source: " + e.getMessage(), e);
                }
            }
            return shares;
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public String taskState(String taskId) {
            return state.task(taskId).map(TaskStatus::recordedState).map(s -> s.id()).orElse("unknown");
        }

        @Override
        public boolean isCanceled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
