package org.migrationconsole.connect.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
import org.migrationconsole.api.check.ServerClock;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.MigrationClock;
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

    /**
     * How long one server call may go unanswered before it counts as stalled and is retried once
     * on a fresh connection; two tries fit in a check's usual 10 s.
     */
    static final int CALL_TIMEOUT_MS = 4_000;

    /** Connect and read bound when reading another server's clock (SMB negotiation). */
    static final int SERVER_CLOCK_TIMEOUT_MS = 1_500;

    /** Checks running at once (each with its own LDAP connection from the pool). */
    static final int WORKERS = 6;

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
        SourceAddress address = SourceAddress.choose(profile, LdapDirectory.port(profile), CONNECT_TIMEOUT_MS);
        try (LdapDirectory directory = LdapDirectory.connect(profile, password, pins, address.address(),
                CONNECT_TIMEOUT_MS)) {
            Directory.Entry dse = directory.rootDse();
            String cert = switch (profile.ldapSecurity()) {
                case PLAIN -> "WITHOUT ENCRYPTION (plain LDAP, chosen in the profile): the password and every answer"
                        + " crossed the network in clear text";
                case KERBEROS -> "with Kerberos, signed and encrypted (realm " + Kerberos.realm(profile) + ")";
                default -> "over " + profile.ldapSecurity().id().toUpperCase(java.util.Locale.ROOT) + (directory
                        .newlyPinned() != null ? ", certificate pinned on first contact: SHA-256 "
                                + directory.newlyPinned() : profile.caFile() != null
                                        ? ", certificate issued by the profile's CA" : ", pinned certificate matched");
            };
            if (directory.newlyPinned() != null) {
                journal("certificate", "pinned the LDAP certificate of " + profile.sourceHost()
                        + " on first contact: SHA-256 " + directory.newlyPinned());
            }
            if (profile.ldapSecurity() == ConnectionProfile.LdapSecurity.PLAIN) {
                journal("security", plainWarning(profile));
            }
            return "Connected to " + dse.first("dnsHostName") + " at " + directory.endpoint() + " as "
                    + profile.adminAccount() + "@" + profile.domain() + " " + cert + ". Domain "
                    + dse.first("defaultNamingContext") + "." + (address.notes().isEmpty() ? ""
                            : " " + String.join("; ", address.notes()) + ".");
        } catch (ConnectionException e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectionException(ConnectionException.Kind.UNREACHABLE,
                    "Connected, but reading the root DSE failed: " + e.getMessage(), e);
        }
    }

    /** The warning journalled (and shown) whenever plain LDAP is used. */
    public static String plainWarning(ConnectionProfile profile) {
        return "plain LDAP (source.ldap.security=plain, chosen in the profile): the password of "
                + profile.adminAccount() + "@" + profile.domain() + " and every directory answer crossed the network"
                + " to " + profile.sourceHost() + " in clear text; use kerberos (the default) or ldaps";
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
        SourceAddress address = SourceAddress.choose(profile, LdapDirectory.port(profile), CONNECT_TIMEOUT_MS);
        if (!address.notes().isEmpty()) {
            journal("connection", String.join("; ", address.notes()));
        }
        LdapDirectory first = LdapDirectory.connect(profile, password, pins, address.address(), CONNECT_TIMEOUT_MS);
        try (DirectoryPool directory = new DirectoryPool(first,
                () -> LdapDirectory.connect(profile, password, pins, address.address(), CONNECT_TIMEOUT_MS),
                CALL_TIMEOUT_MS)) {
            if (first.newlyPinned() != null) {
                journal("certificate", "pinned the LDAP certificate of " + profile.sourceHost() + " on first contact:"
                        + " SHA-256 " + first.newlyPinned());
            }
            if (profile.ldapSecurity() == ConnectionProfile.LdapSecurity.PLAIN) {
                journal("security", plainWarning(profile));
            }
            Context context = new Context(profile, password, directory, address.address().getHostAddress(),
                    started);
            Map<String, Proof> proofs = new java.util.concurrent.ConcurrentHashMap<>();
            List<CheckOutcome> outcomes;
            try {
                outcomes = runAll(selected, context, proofs, progress, canceled);
            } finally {
                context.closeShares();
            }
            boolean wasCanceled = canceled.getAsBoolean();
            outcomes.sort(Comparator.comparing(CheckOutcome::checkId));
            CheckRun run = new CheckRun(started, profile.name(), outcomes, wasCanceled);
            try {
                store().save(run);
            } catch (java.io.IOException e) {
                throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE,
                        "Cannot store the check results in the workspace: " + e.getMessage(), e);
            }
            journal("checks", summary(run, stepId) + "; " + connectionSummary(profile, directory));
            completePassedTasks(run, proofs);
            return run;
        }
    }

    /**
     * When a check said what it proves happened (see CheckContext.provedAt), or, with a clock,
     * when a clock started on a path (CheckContext.clockStartedAt; kept under "checkId@clock").
     */
    record Proof(Instant when, String what, MigrationClock clock, String path) {
        Proof(Instant when, String what) {
            this(when, what, null, null);
        }
    }

    private static String connectionSummary(ConnectionProfile profile, DirectoryPool directory) {
        String how = switch (profile.ldapSecurity()) {
            case KERBEROS -> "Kerberos (signed and encrypted)";
            case LDAPS -> "LDAPS";
            case STARTTLS -> "StartTLS";
            case PLAIN -> "PLAIN LDAP, UNENCRYPTED (chosen in the profile)";
        };
        return "LDAP over " + how + ", " + directory.opened() + " connection(s)";
    }

    private List<CheckOutcome> runAll(List<MigrationCheck> selected, Context context, Map<String, Proof> proofs,
            Consumer<CheckOutcome> progress, BooleanSupplier canceled) {
        // one thread per check, at most WORKERS running at once; a check that timed out gives its
        // place back even if its thread is still stuck in a call that ignores interruption
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "migration-check");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.Semaphore places = new java.util.concurrent.Semaphore(WORKERS);
        try {
            List<Future<CheckResult>> futures = new ArrayList<>();
            List<Started> starts = new ArrayList<>();
            for (MigrationCheck c : selected) {
                Started st = new Started();
                starts.add(st);
                st.places = places;
                futures.add(pool.submit(() -> {
                    places.acquire();
                    st.holds.set(true);
                    // the check's time starts now, when it gets a place, not when it was queued
                    st.begin(Thread.currentThread());
                    ServerCalls.begin();
                    try {
                        return c.run(new Scoped(context, c.id(), proofs));
                    } finally {
                        st.stalls = ServerCalls.end();
                        st.release();
                    }
                }));
            }
            List<CheckOutcome> out = new ArrayList<>();
            for (int i = 0; i < selected.size(); i++) {
                MigrationCheck c = selected.get(i);
                Started st = starts.get(i);
                CheckResult r = await(futures.get(i), st, c.timeout(), canceled);
                List<String> stalls = st.stalls;
                if (stalls != null && !stalls.isEmpty()) {
                    List<String> evidence = new ArrayList<>(r.evidence());
                    stalls.forEach(x -> evidence.add("stalled: " + x));
                    r = new CheckResult(r.status(), r.message(), evidence, r.remedy());
                }
                Instant end = Instant.now();
                Instant begun = st.startedAt == null ? end : st.startedAt;
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

    /** When and on which thread a check started. */
    private static final class Started {
        volatile Instant startedAt;
        volatile long startNanos;
        volatile Thread thread;
        volatile List<String> stalls;
        volatile java.util.concurrent.Semaphore places;
        final java.util.concurrent.atomic.AtomicBoolean holds = new java.util.concurrent.atomic.AtomicBoolean();

        void release() {
            if (holds.compareAndSet(true, false)) {
                places.release();
            }
        }

        void begin(Thread t) {
            thread = t;
            startedAt = Instant.now();
            startNanos = System.nanoTime();
        }
    }

    private static CheckResult await(Future<CheckResult> f, Started st, Duration timeout, BooleanSupplier canceled) {
        while (true) {
            if (canceled.getAsBoolean()) {
                f.cancel(true);
                st.release();
                return CheckResult.skipped(st.startedAt == null ? "Cancelled before it started"
                        : "Cancelled before it finished", List.of());
            }
            long left = st.startedAt == null ? 100
                    : timeout.toMillis() - (System.nanoTime() - st.startNanos) / 1_000_000;
            if (left <= 0) {
                Thread t = st.thread;
                String call = t == null ? null : ServerCalls.inFlight(t);
                f.cancel(true);
                st.release();
                return CheckResult.error("Timed out after " + timeout.toSeconds() + " s" + (call == null ? ""
                        : " waiting for the server: " + call), "Check that the source server answers (it may be"
                                + " hung or overloaded); run the checks again");
            }
            try {
                CheckResult r = f.get(Math.min(left, 100), TimeUnit.MILLISECONDS);
                return r == null ? CheckResult.error("The check returned nothing", "Report this defect") : r;
            } catch (TimeoutException e) {
                // poll again
            } catch (java.util.concurrent.CancellationException e) {
                return CheckResult.skipped("Cancelled", List.of());
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
     * sees all five roles on the destination); the note names the check. When the check said
     * when the proven thing happened ({@code provedAt}), the task is completed as of that time
     * (backdated) and a clock it starts runs from it, whatever day the task was ticked. Tasks off
     * the current path, done, or blocked by prerequisites are left alone.
     */
    private void completePassedTasks(CheckRun run, Map<String, Proof> proofs) {
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
            if (o.result().status() == CheckStatus.PASS) {
                recordClockEvidence(o.checkId(), proofs);
            }
            if (o.taskId() == null || o.result().status() != CheckStatus.PASS || !proving.contains(o.checkId())) {
                continue;
            }
            Proof proof = proofs.get(o.checkId());
            state.task(o.taskId()).ifPresent(t -> {
                if (t.descriptor().kind() == org.migrationconsole.api.step.TaskKind.CHECK_GATED
                        && !t.recordedState().isDone() && t.blockedReasons().isEmpty()) {
                    String note = "completed by the check run: " + o.checkId() + " passed (" + o.result().message()
                            + ")";
                    try {
                        if (proof != null && proof.when().isBefore(Instant.now())) {
                            try {
                                state.complete(t.id(), note + "; done at " + proof.when() + " by " + proof.what(),
                                        proof.when());
                            } catch (org.migrationconsole.api.state.InvalidInputException tooEarly) {
                                // the task changed in the journal after the server says it was done (e.g. it
                                // was started later): completed now, the note keeps the server's time
                                state.complete(t.id(), note + "; the server says it was done at " + proof.when()
                                        + " by " + proof.what() + " (" + tooEarly.getMessage() + ")");
                            }
                        } else {
                            state.complete(t.id(), note);
                        }
                    } catch (MigrationRuleException | RuntimeException e) {
                        // another gating check does not pass yet: the task stays open
                    }
                }
                if (proof != null) {
                    t.descriptor().startsClock().ifPresent(clock -> {
                        try {
                            state.recordClockStart(clock, proof.when(), o.checkId() + ": " + proof.what());
                        } catch (MigrationRuleException | RuntimeException e) {
                            // a read-only workspace or a time the rules refuse: the clock stays as it is
                        }
                    });
                }
            });
        }
    }

    /** The clock starts a passed check read from the server, for the path the workspace follows. */
    private void recordClockEvidence(String checkId, Map<String, Proof> proofs) {
        proofs.forEach((key, p) -> {
            if (p.clock() != null && key.equals(checkId + "@" + p.clock().id()) && p.path().equals(state.path())
                    && p.when().isBefore(Instant.now())) {
                try {
                    state.recordClockStart(p.clock(), p.when(), checkId + ": " + p.what());
                } catch (MigrationRuleException | RuntimeException e) {
                    // a read-only workspace or a time the rules refuse: the clock stays as it is
                }
            }
        });
    }

    private void journal(String subject, String text) {
        try {
            state.recordEvent(subject, text);
        } catch (MigrationRuleException | RuntimeException e) {
            // a read-only workspace still shows results; the journal is the writer's
        }
    }

    /** One check's view of the run's context: keeps what it proves and when. */
    private static final class Scoped implements CheckContext {
        private final CheckContext run;
        private final String checkId;
        private final Map<String, Proof> proofs;

        Scoped(CheckContext run, String checkId, Map<String, Proof> proofs) {
            this.run = run;
            this.checkId = checkId;
            this.proofs = proofs;
        }

        @Override
        public ConnectionProfile profile() {
            return run.profile();
        }

        @Override
        public Directory directory() {
            return run.directory();
        }

        @Override
        public NameLookup dns() {
            return run.dns();
        }

        @Override
        public FileShares shares() {
            return run.shares();
        }

        @Override
        public Instant now() {
            return run.now();
        }

        @Override
        public String taskState(String taskId) {
            return run.taskState(taskId);
        }

        @Override
        public Optional<ServerClock> serverClock(String address) {
            return run.serverClock(address);
        }

        @Override
        public boolean isCanceled() {
            return run.isCanceled();
        }

        @Override
        public void provedAt(Instant when, String what) {
            if (when != null) {
                proofs.put(checkId, new Proof(when, what == null ? "" : what));
            }
        }

        @Override
        public void clockStartedAt(MigrationClock clock, String path, Instant when, String what) {
            if (clock != null && path != null && when != null) {
                proofs.put(checkId + "@" + clock.id(), new Proof(when, what == null ? "" : what, clock, path));
            }
        }
    }

    /** What the checks may read; DNS and SMB are opened on first use, at the run's address. */
    private final class Context implements CheckContext {
        private final ConnectionProfile profile;
        private final char[] password;
        private final Directory directory;
        private final String address;
        private final Instant now;
        private NameLookup dns;
        private SmbFileShares shares;

        Context(ConnectionProfile profile, char[] password, Directory directory, String address, Instant now) {
            this.profile = profile;
            this.password = password.clone();
            this.directory = directory;
            this.address = address;
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
                    dns = new DnsNameLookup(address, Duration.ofSeconds(3));
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
                    shares = new SmbFileShares(profile, address, password, CONNECT_TIMEOUT_MS, CALL_TIMEOUT_MS);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot set up SMB to the source: " + e.getMessage(), e);
                }
            }
            return shares;
        }

        synchronized void closeShares() {
            if (shares != null) {
                shares.close();
            }
            java.util.Arrays.fill(password, '\0');
        }

        @Override
        public Instant now() {
            return now;
        }

        @Override
        public String taskState(String taskId) {
            return state.task(taskId).map(TaskStatus::recordedState).map(s -> s.id()).orElse("unknown");
        }

        /** SMB port 445, a short bound: a server on the LAN answers in milliseconds or not at all. */
        @Override
        public Optional<ServerClock> serverClock(String host) {
            if (host == null || host.isBlank()) {
                return Optional.empty();
            }
            // the source by name: the address this run chose (a dead second address costs nothing again)
            String target = host.equalsIgnoreCase(profile.sourceHost()) || host.equals(profile.sourceAddress())
                    ? address : host;
            try {
                return Optional.of(SmbClock.read(target, 445, SERVER_CLOCK_TIMEOUT_MS));
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        @Override
        public boolean isCanceled() {
            return Thread.currentThread().isInterrupted();
        }
    }
}
