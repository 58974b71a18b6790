package org.migrationconsole.actions.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;

import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.actions.ChangeRecord.State;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.action.Verification;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.action.WritableFileShares;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.connect.internal.CertificatePins;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The action engine. Every record goes to the workspace's journal (event subject {@code change},
 * text starting with the change id and a verb): {@code intent}, {@code applied k of n},
 * {@code verified}, {@code done}, {@code failed after k of n}, {@code resume}, {@code undo-intent},
 * {@code undone k of n}, {@code undo-done}, {@code undo-failed}. The state of a change is the replay
 * of those records; the backup and the plan live in {@code changes/<id>/}.
 */
@Component(service = ActionService.class)
public class ActionEngine implements ActionService {

    /** The journal subject of the engine's records. */
    public static final String SUBJECT = "change";

    /** Attributes a client cannot set when re-creating an entry (listed after an undo). */
    public static final Set<String> NOT_RESTORABLE = LdapSession.caseless("objectGUID", "whenCreated", "whenChanged",
            "uSNCreated", "uSNChanged", "replPropertyMetaData", "distinguishedName", "name", "instanceType",
            "dSCorePropagationData", "objectSid", "isCriticalSystemObject", "msDS-NcType", "lastKnownParent",
            "msDS-LastKnownRDN");

    private static final Pattern RECORD = Pattern.compile(
            "^(chg-\\S+) (intent|applied|verified|done|failed|resume|undo-intent|undone|undo-done|undo-failed)"
                    + "(?: (\\d+) of (\\d+))?(?:(?::| after (\\d+) of (\\d+):?) ?(.*))?$", Pattern.DOTALL);

    private final List<MigrationAction> actions = new CopyOnWriteArrayList<>();

    @Reference
    private MigrationStateService state;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile CheckService checks;

    /** For tests outside DS. */
    public ActionEngine() {
    }

    public ActionEngine(MigrationStateService state, CheckService checks) {
        this.state = state;
        this.checks = checks;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addAction(MigrationAction action) {
        actions.add(action);
    }

    public void removeAction(MigrationAction action) {
        actions.remove(action);
    }

    // ------------------------------------------------------------------ listing

    @Override
    public List<MigrationAction> actions() {
        Map<String, Integer> order = new HashMap<>();
        for (StepStatus s : state.steps()) {
            order.put(s.step().id(), s.step().order());
        }
        List<MigrationAction> out = new ArrayList<>(actions);
        out.sort(Comparator.<MigrationAction>comparingInt(a -> order.getOrDefault(a.stepId(), Integer.MAX_VALUE))
                .thenComparing(MigrationAction::id));
        return out;
    }

    @Override
    public Optional<MigrationAction> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    private MigrationAction required(String id) {
        return action(id).orElseThrow(() -> new IllegalArgumentException("no action '" + id
                + "' is installed (action list shows them)"));
    }

    private Path changesDir() {
        return state.workspace().directory().resolve("changes");
    }

    // ------------------------------------------------------------------ sessions

    @Override
    public Session open(ConnectionProfile profile, char[] password) throws ConnectionException {
        CertificatePins pins = new CertificatePins(state.workspace().directory());
        LdapSession ldap = LdapSession.connect(profile, password, pins, EngineSession.TIMEOUT_MS);
        if (ldap.newlyPinned() != null) {
            try {
                state.recordEvent("certificate", "pinned the LDAP certificate of " + profile.sourceHost()
                        + " on first contact: SHA-256 " + ldap.newlyPinned());
            } catch (MigrationRuleException | RuntimeException e) {
                // read-only workspace: the pin is still kept in its file
            }
        }
        return new EngineSession(profile, password, ldap);
    }

    private static EngineSession session(Session s) {
        if (s instanceof EngineSession e) {
            return e;
        }
        throw new IllegalArgumentException("not a session of this engine");
    }

    // ------------------------------------------------------------------ plan

    @Override
    public ActionPlan plan(Session session, String actionId, Map<String, String> options) throws Exception {
        EngineSession s = session(session);
        MigrationAction action = required(actionId);
        FieldValues values = options(action, options);
        s.setReadOnly(true);
        ActionPlan plan;
        try {
            plan = action.plan(new Context(s, values, null, action));
        } finally {
            s.setReadOnly(false);
        }
        if (!plan.actionId().equals(actionId)) {
            throw new IllegalStateException("action " + actionId + " returned a plan for " + plan.actionId());
        }
        Path file = changesDir().resolve("plans").resolve(actionId + ".json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, PlanCodec.toJson(plan), StandardCharsets.UTF_8);
        return plan;
    }

    static FieldValues options(MigrationAction action, Map<String, String> options) {
        FieldValues values = new FieldValues();
        for (Field f : action.options()) {
            values.put(f.id(), f.defaultValue());
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (action.options().stream().noneMatch(f -> f.id().equals(e.getKey()))) {
                throw new IllegalArgumentException("option '" + e.getKey() + "' is not an option of " + action.id()
                        + " (options: " + String.join(", ", action.options().stream().map(Field::id).toList())
                        + ")");
            }
            values.put(e.getKey(), e.getValue());
        }
        List<FieldProblem> problems = Field.checkAll(action.options(), values);
        if (!problems.isEmpty()) {
            FieldProblem p = problems.get(0);
            throw new IllegalArgumentException("option " + p.fieldId() + " refused (rule " + p.ruleId() + "): "
                    + p.message());
        }
        return values;
    }

    @Override
    public Optional<ActionPlan> storedPlan(String actionId) {
        Path file = changesDir().resolve("plans").resolve(actionId + ".json");
        try {
            return Files.exists(file) ? Optional.of(PlanCodec.fromJson(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ apply

    /** The automatic changes of a plan in order; a DNS record change stands for its directory change. */
    static List<Change> automatic(ActionPlan plan) {
        return plan.changes().stream().filter(Change::automatic).toList();
    }

    @Override
    public ChangeRecord apply(Session session, ActionPlan plan, Consumer<String> progress, BooleanSupplier canceled)
            throws Exception {
        EngineSession s = session(session);
        writableWorkspace();
        MigrationAction action = required(plan.actionId());
        FieldValues values = options(action, plan.options());
        List<Change> changes = automatic(plan);
        if (changes.isEmpty()) {
            throw new IllegalStateException("the plan of " + action.id() + " has nothing to apply");
        }
        Context ctx = new Context(s, values, null, action);
        // 1. refuse before anything is written: conflicts since the plan, then missing rights
        for (Change c : changes) {
            try {
                checkFresh(s, c);
            } catch (ConflictException e) {
                Files.deleteIfExists(changesDir().resolve("plans").resolve(action.id() + ".json"));
                throw e;
            }
        }
        for (Change c : changes) {
            checkRights(s, c);
        }
        // 2. back up everything the plan touches
        String id = newChangeId(action.id());
        Path folder = changesDir().resolve(id);
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("plan.json"), PlanCodec.toJson(plan), StandardCharsets.UTF_8);
        Backup.force(folder.resolve("plan.json"));
        ctx = new Context(s, values, id, action);
        Backup backup = new Backup(folder, s.ldap, s::shares);
        progress.accept("backing up " + changes.size() + " changes to " + folder);
        for (Change c : changes) {
            backup(backup, c);
        }
        action.backup(plan, ctx, backup);
        Files.deleteIfExists(changesDir().resolve("plans").resolve(action.id() + ".json"));
        // 3. intent, then each change
        journal(id + " intent: " + action.id() + " \"" + action.title() + "\", " + changes.size()
                + " changes; backup " + folder + " (" + Backup.size(folder) + " bytes)");
        return run(s, id, action, plan, ctx, 0, progress, canceled);
    }

    private ChangeRecord run(EngineSession s, String id, MigrationAction action, ActionPlan plan, Context ctx,
            int from, Consumer<String> progress, BooleanSupplier canceled) throws Exception {
        List<Change> changes = automatic(plan);
        int n = changes.size();
        for (int i = from; i < n; i++) {
            if (canceled.getAsBoolean()) {
                journal(id + " failed after " + i + " of " + n + ": cancelled; resume or undo it");
                return change(id).orElseThrow();
            }
            Change c = changes.get(i);
            progress.accept("change " + (i + 1) + " of " + n + ": " + c.describe());
            try {
                Hooks.step();
                if (!action.apply(c, ctx)) {
                    applyStandard(s, c);
                }
                Hooks.step();
            } catch (Exception e) {
                journal(id + " failed after " + i + " of " + n + ": change " + (i + 1) + " (" + c.describe()
                        + ") refused: " + message(e));
                throw e;
            }
            journal(id + " applied " + (i + 1) + " of " + n + ": " + c.describe());
            Hooks.afterChange(id, i + 1, n);
        }
        Verification v = action.verify(plan, ctx);
        journal(id + " verified: " + (v.passed() ? "passed" : "FAILED") + "; " + String.join("; ", v.passed() ? v
                .evidence() : v.problems()));
        String task = v.passed() ? completeTask(s, action) : "the task stays open: the verification failed";
        journal(id + " done: " + (v.passed() ? "applied and verified" : "applied, verification failed") + "; " + task);
        return change(id).orElseThrow();
    }

    @Override
    public ChangeRecord resume(Session session, String changeId, Consumer<String> progress) throws Exception {
        EngineSession s = session(session);
        writableWorkspace();
        ChangeRecord r = change(changeId).orElseThrow(() -> new IllegalArgumentException("no change " + changeId));
        if (r.state() != State.INTERRUPTED && r.state() != State.FAILED) {
            throw new IllegalStateException("change " + changeId + " is " + r.state().id()
                    + ": only an interrupted or failed change can be resumed");
        }
        MigrationAction action = required(r.actionId());
        ActionPlan plan = changePlan(changeId).orElseThrow();
        FieldValues values = options(action, plan.options());
        journal(changeId + " resume: after " + r.applied() + " of " + r.total() + " changes");
        return run(s, changeId, action, plan, new Context(s, values, changeId, action), r.applied(), progress,
                () -> false);
    }

    private void writableWorkspace() {
        if (state.workspace().readOnly()) {
            throw new IllegalStateException("the workspace is read-only here: " + state.workspace().readOnlyReason());
        }
    }

    private String newChangeId(String actionId) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        String id = "chg-" + stamp + "-" + actionId;
        int n = 2;
        while (Files.exists(changesDir().resolve(id))) {
            id = "chg-" + stamp + "-" + actionId + "-" + n++;
        }
        return id;
    }

    private void journal(String text) {
        try {
            state.recordEvent(SUBJECT, text);
        } catch (MigrationRuleException e) {
            throw new IllegalStateException("could not journal: " + e.getMessage(), e);
        }
    }

    static String message(Throwable e) {
        if (e instanceof LDAPException l) {
            return l.getResultCode().getName() + ": " + l.getDiagnosticMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Runs the action's check, then completes its task when the check passed (or there is none). */
    private String completeTask(EngineSession s, MigrationAction action) {
        String proof = "the verification passed";
        if (action.checkId().isPresent()) {
            String checkId = action.checkId().get();
            CheckService cs = checks;
            if (cs == null) {
                return "check " + checkId + " not run (the check service is not running); the task stays open";
            }
            try {
                CheckRun run = cs.run(s.profile, s.password, action.stepId(), o -> {
                }, () -> false);
                Optional<CheckOutcome> o = run.outcomes().stream().filter(x -> x.checkId().equals(checkId))
                        .findFirst();
                if (o.isEmpty()) {
                    return "check " + checkId + " is not installed; the task stays open";
                }
                if (o.get().result().status() != CheckStatus.PASS) {
                    return "check " + checkId + " " + o.get().result().status().id() + ": " + o.get().result()
                            .message() + "; the task stays open";
                }
                proof += ", check " + checkId + " passed";
            } catch (Exception e) {
                return "check " + checkId + " could not run (" + message(e) + "); the task stays open";
            }
        }
        if (action.taskId().isEmpty()) {
            return proof;
        }
        String taskId = action.taskId().get();
        Optional<TaskStatus> task = state.task(taskId);
        if (task.isEmpty()) {
            return proof + "; task " + taskId + " is not installed";
        }
        if (task.get().recordedState().isDone()) {
            return proof + "; task " + taskId + " was already done";
        }
        try {
            state.complete(taskId, "completed by change of action " + action.id() + ": " + proof);
            return proof + "; task " + taskId + " completed";
        } catch (MigrationRuleException | RuntimeException e) {
            return proof + "; task " + taskId + " stays open: " + e.getMessage();
        }
    }

    // ------------------------------------------------------------------ conflicts and rights

    private static DirectoryChange directory(Change c) {
        if (c instanceof DirectoryChange d) {
            return d;
        }
        if (c instanceof DnsRecordChange r && r.via() != null) {
            return r.via();
        }
        return null;
    }

    static boolean same(List<String> a, List<String> b) {
        List<String> x = new ArrayList<>(a);
        List<String> y = new ArrayList<>(b);
        x.sort(null);
        y.sort(null);
        return x.equals(y);
    }

    /** Before the first write: the server must still be as planned. */
    private void checkFresh(EngineSession s, Change c) throws Exception {
        DirectoryChange d = directory(c);
        if (d != null) {
            SearchResultEntry e = s.ldap.read(d.dn());
            if (d.operation() == DirectoryChange.Operation.ADD) {
                if (e != null) {
                    throw new ConflictException(d.dn(), null, d.dn() + " exists now; it did not when planned. Plan"
                            + " again.");
                }
                return;
            }
            if (e == null) {
                throw new ConflictException(d.dn(), null, d.dn() + " no longer exists (it did when planned). Plan"
                        + " again.");
            }
            for (AttributeChange a : d.attributes()) {
                List<String> now = LdapSession.values(e, a.name());
                if (!same(now, a.oldValues())) {
                    throw new ConflictException(d.dn(), a.name(), d.dn() + ": " + a.name() + " changed since the"
                            + " plan (planned " + show(a.oldValues()) + ", now " + show(now) + "). Plan again.");
                }
            }
            String usn = e.getAttributeValue("uSNChanged");
            if (d.expectedUsnChanged() != null && !d.expectedUsnChanged().equals(usn)) {
                throw new ConflictException(d.dn(), "uSNChanged", d.dn() + " changed since the plan (uSNChanged "
                        + d.expectedUsnChanged() + " -> " + usn + ") in attributes the plan does not show. Plan"
                        + " again.");
            }
            return;
        }
        if (c instanceof FileChange f) {
            WritableFileShares sh = s.shares(f.server());
            boolean exists = sh.exists(f.share(), f.path());
            String where = "\\\\" + f.server() + "\\" + f.share() + "\\" + f.path().replace('/', '\\');
            switch (f.operation()) {
                case CREATE, CREATE_FOLDER -> {
                    if (exists) {
                        throw new ConflictException(where, null, where + " exists now; it did not when planned."
                                + " Plan again.");
                    }
                }
                case DELETE_FOLDER -> {
                    if (!exists) {
                        throw new ConflictException(where, null, where + " no longer exists. Plan again.");
                    }
                }
                case REPLACE, DELETE -> {
                    if (!exists) {
                        throw new ConflictException(where, null, where + " no longer exists. Plan again.");
                    }
                    String now = Backup.sha256(sh.read(f.share(), f.path()));
                    if (f.oldSha256() != null && !f.oldSha256().equalsIgnoreCase(now)) {
                        throw new ConflictException(where, null, where + " changed since the plan (SHA-256 "
                                + f.oldSha256() + " -> " + now + "). Plan again.");
                    }
                }
            }
        }
    }

    static String show(List<String> v) {
        return v.isEmpty() ? "(none)" : "'" + String.join("' | '", v) + "'";
    }

    /** Refuses, before anything is written, a change the account may not make. */
    private void checkRights(EngineSession s, Change c) throws Exception {
        DirectoryChange d = directory(c);
        if (d == null) {
            return;
        }
        String who = s.ldap.account();
        switch (d.operation()) {
            case MODIFY -> {
                Set<String> allowed = s.ldap.writableAttributes(d.dn());
                if (allowed == null) {
                    return;
                }
                for (AttributeChange a : d.attributes()) {
                    if (!allowed.contains(a.name())) {
                        throw new SecurityException(who + " may not write " + a.name() + " of " + d.dn()
                                + " (not in its allowedAttributesEffective); nothing was changed. Use an account"
                                + " in Domain Admins.");
                    }
                }
            }
            case DELETE, DELETE_TREE -> {
                Set<String> allowed = s.ldap.writableAttributes(d.dn());
                if (allowed != null && allowed.isEmpty()) {
                    throw new SecurityException(who + " may not change or delete " + d.dn() + " (it may write none of"
                            + " its attributes); nothing was changed. Use an account in Domain Admins.");
                }
            }
            case ADD -> {
                String parent = new com.unboundid.ldap.sdk.DN(d.dn()).getParentString();
                Set<String> classes = s.ldap.creatableChildClasses(parent);
                if (classes != null && classes.isEmpty()) {
                    throw new SecurityException(who + " may not create entries under " + parent
                            + "; nothing was changed. Use an account in Domain Admins.");
                }
            }
        }
    }

    // ------------------------------------------------------------------ backup

    private void backup(Backup b, Change c) throws Exception {
        DirectoryChange d = directory(c);
        if (d != null) {
            if (d.operation() != DirectoryChange.Operation.ADD) {
                b.saveEntryFor(c.id(), d.dn(), d.operation() == DirectoryChange.Operation.DELETE_TREE);
            }
            return;
        }
        if (c instanceof FileChange f && f.operation() != FileChange.Operation.CREATE_FOLDER) {
            b.saveFile(f.server(), f.share(), f.path());
        }
    }

    // ------------------------------------------------------------------ standard apply (idempotent)

    private void applyStandard(EngineSession s, Change c) throws Exception {
        DirectoryChange d = directory(c);
        if (d != null) {
            applyDirectory(s, d);
        } else if (c instanceof FileChange f) {
            applyFile(s, f);
        } else {
            throw new IllegalStateException("the engine cannot apply " + c.describe() + " by itself");
        }
    }

    private void applyDirectory(EngineSession s, DirectoryChange d) throws Exception {
        switch (d.operation()) {
            case ADD -> {
                if (s.ldap.read(d.dn()) == null) {
                    Map<String, List<String>> attrs = new LinkedHashMap<>();
                    for (AttributeChange a : d.attributes()) {
                        attrs.put(a.name(), a.newValues());
                    }
                    s.ldap.add(d.dn(), attrs);
                }
            }
            case DELETE, DELETE_TREE -> s.ldap.delete(d.dn(), d.operation() == DirectoryChange.Operation.DELETE_TREE);
            case MODIFY -> {
                SearchResultEntry e = s.ldap.read(d.dn());
                if (e == null) {
                    throw new ConflictException(d.dn(), null, d.dn() + " does not exist");
                }
                List<Modification> mods = new ArrayList<>();
                for (AttributeChange a : d.attributes()) {
                    List<String> now = LdapSession.values(e, a.name());
                    switch (a.operation()) {
                        case REPLACE -> {
                            if (same(now, a.newValues())) {
                                continue; // already applied (resumed after a kill)
                            }
                            if (!same(now, a.oldValues())) {
                                throw new ConflictException(d.dn(), a.name(), d.dn() + ": " + a.name()
                                        + " is neither as planned nor as applied (now " + show(now) + ")");
                            }
                            mods.add(LdapSession.modification(a));
                        }
                        case DELETE_VALUES -> {
                            List<String> present = a.newValues().stream().filter(now::contains).toList();
                            if (!present.isEmpty()) {
                                mods.add(LdapSession.modification(new AttributeChange(a.name(),
                                        AttributeChange.Operation.DELETE_VALUES, a.oldValues(), present, a.binary())));
                            }
                        }
                        case ADD_VALUES -> {
                            List<String> absent = a.newValues().stream().filter(v -> !now.contains(v)).toList();
                            if (!absent.isEmpty()) {
                                mods.add(LdapSession.modification(new AttributeChange(a.name(),
                                        AttributeChange.Operation.ADD_VALUES, a.oldValues(), absent, a.binary())));
                            }
                        }
                    }
                }
                if (!mods.isEmpty()) {
                    s.ldap.modifyRaw(d.dn(), mods);
                }
            }
        }
    }

    private void applyFile(EngineSession s, FileChange f) throws Exception {
        WritableFileShares sh = s.shares(f.server());
        switch (f.operation()) {
            case DELETE, DELETE_FOLDER -> {
                if (sh.exists(f.share(), f.path())) {
                    sh.delete(f.share(), f.path());
                }
            }
            case CREATE_FOLDER -> sh.createFolder(f.share(), f.path());
            case CREATE, REPLACE -> {
                String want = Backup.sha256(f.newContent());
                if (sh.exists(f.share(), f.path())) {
                    String now = Backup.sha256(sh.read(f.share(), f.path()));
                    if (now.equals(want)) {
                        return;
                    }
                    if (f.oldSha256() != null && !f.oldSha256().equalsIgnoreCase(now)) {
                        throw new ConflictException(f.path(), null, "\\\\" + f.server() + "\\" + f.share() + "\\"
                                + f.path() + " is neither as planned nor as applied (SHA-256 " + now + ")");
                    }
                }
                sh.write(f.share(), f.path(), f.newContent());
            }
        }
    }

    // ------------------------------------------------------------------ verification

    Verification verifyAsPlanned(EngineSession s, ActionPlan plan) throws Exception {
        List<String> evidence = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Change c : automatic(plan)) {
            DirectoryChange d = directory(c);
            if (d != null) {
                SearchResultEntry e = s.ldap.read(d.dn());
                switch (d.operation()) {
                    case DELETE, DELETE_TREE -> {
                        if (e == null) {
                            evidence.add(d.dn() + " is gone");
                        } else {
                            problems.add(d.dn() + " still exists");
                        }
                    }
                    case ADD -> {
                        if (e != null) {
                            evidence.add(d.dn() + " exists");
                        } else {
                            problems.add(d.dn() + " was not created");
                        }
                    }
                    case MODIFY -> {
                        if (e == null) {
                            problems.add(d.dn() + " is gone");
                            continue;
                        }
                        for (AttributeChange a : d.attributes()) {
                            List<String> now = LdapSession.values(e, a.name());
                            boolean ok = switch (a.operation()) {
                                case REPLACE -> same(now, a.newValues());
                                case DELETE_VALUES -> a.newValues().stream().noneMatch(now::contains);
                                case ADD_VALUES -> now.containsAll(a.newValues());
                            };
                            String line = d.dn() + ": " + a.name() + " " + (now.isEmpty() ? "absent" : a.binary()
                                    ? now.size() + " values" : show(now));
                            if (ok) {
                                evidence.add(line);
                            } else {
                                problems.add(line + " (not as planned)");
                            }
                        }
                    }
                }
            } else if (c instanceof FileChange f) {
                WritableFileShares sh = s.shares(f.server());
                boolean exists = sh.exists(f.share(), f.path());
                String where = "\\\\" + f.server() + "\\" + f.share() + "\\" + f.path().replace('/', '\\');
                switch (f.operation()) {
                    case DELETE, DELETE_FOLDER -> (exists ? problems : evidence).add(where + (exists ? " still exists"
                            : " is gone"));
                    case CREATE_FOLDER -> (exists ? evidence : problems).add(where + (exists ? " exists"
                            : " was not created"));
                    case CREATE, REPLACE -> {
                        String want = Backup.sha256(f.newContent());
                        String now = exists ? Backup.sha256(sh.read(f.share(), f.path())) : "absent";
                        (now.equals(want) ? evidence : problems).add(where + " SHA-256 " + now);
                    }
                }
            }
        }
        return new Verification(problems.isEmpty(), evidence, problems);
    }

    // ------------------------------------------------------------------ undo

    @Override
    public ChangeRecord undo(Session session, String changeId, boolean force, Consumer<String> progress)
            throws Exception {
        EngineSession s = session(session);
        writableWorkspace();
        ChangeRecord r = change(changeId).orElseThrow(() -> new IllegalArgumentException("no change " + changeId));
        if (r.state() == State.UNDONE) {
            throw new IllegalStateException("change " + changeId + " is already undone");
        }
        MigrationAction action = required(r.actionId());
        ActionPlan plan = changePlan(changeId).orElseThrow();
        List<Change> changes = automatic(plan);
        // an interrupted change may have half-made the one after the last journalled
        int count = Math.min(changes.size(), r.state() == State.APPLIED || r.state() == State.VERIFY_FAILED
                ? changes.size() : r.state() == State.UNDO_INTERRUPTED ? Math.max(r.total(), r.applied())
                        : r.applied() + 1);
        count = Math.min(count, changes.size());
        boolean complete = r.state() == State.APPLIED || r.state() == State.VERIFY_FAILED;
        Backup backup = new Backup(r.folder(), s.ldap, s::shares);
        Context ctx = new Context(s, options(action, plan.options()), changeId, action);
        List<ConflictException> conflicts = new ArrayList<>();
        for (int i = count - 1; i >= 0; i--) {
            Change c = changes.get(i);
            boolean inFlight = !complete && i >= r.applied();
            try {
                undoOne(s, backup, c, true, force, inFlight || r.state() == State.UNDO_INTERRUPTED);
            } catch (ConflictException e) {
                conflicts.add(e);
            }
        }
        if (!conflicts.isEmpty() && !force) {
            ConflictException first = conflicts.get(0);
            journal(changeId + " undo-failed: refused, the servers changed since the apply: " + String.join("; ",
                    conflicts.stream().map(Exception::getMessage).toList()));
            throw new ConflictException(first.target(), first.attribute(), "Undo refused: the servers changed since"
                    + " the apply; undo would overwrite: " + String.join("; ", conflicts.stream().map(
                            Exception::getMessage).toList()) + ". Nothing was changed. Use --force to restore anyway.");
        }
        for (int i = count - 1; i >= 0; i--) {
            checkRightsUndo(s, changes.get(i));
        }
        journal(changeId + " undo-intent: " + count + " of " + changes.size() + " changes in reverse order" + (force
                ? " (forced)" : ""));
        int done = 0;
        for (int i = count - 1; i >= 0; i--) {
            Change c = changes.get(i);
            progress.accept("undo " + (done + 1) + " of " + count + ": " + c.describe());
            try {
                Hooks.step();
                if (!action.undo(c, ctx)) {
                    undoOne(s, backup, c, false, true, true);
                }
                Hooks.step();
            } catch (Exception e) {
                journal(changeId + " undo-failed: after " + done + " of " + count + ": " + c.describe() + ": "
                        + message(e));
                throw e;
            }
            done++;
            journal(changeId + " undone " + done + " of " + count + ": " + c.describe());
            Hooks.afterUndo(changeId, done, count);
        }
        List<String> recreated = new ArrayList<>();
        for (Change c : changes.subList(0, count)) {
            DirectoryChange d = directory(c);
            if (d != null && (d.operation() == DirectoryChange.Operation.DELETE
                    || d.operation() == DirectoryChange.Operation.DELETE_TREE)) {
                recreated.add(d.dn());
            }
        }
        journal(changeId + " undo-done: restored from " + r.folder() + (recreated.isEmpty() ? ""
                : "; deleted entries are back (from the tombstone when the server kept it: same objectGUID; else"
                        + " re-created) and may differ only in what a client cannot set (" + String.join(", ",
                        NOT_RESTORABLE.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList()) + "): " + String.join(
                                "; ", recreated)) + untask(action));
        return change(changeId).orElseThrow();
    }

    private String untask(MigrationAction action) {
        if (action.taskId().isEmpty()) {
            return "";
        }
        Optional<TaskStatus> t = state.task(action.taskId().get());
        if (t.isPresent() && t.get().recordedState().isDone()) {
            try {
                state.reset(t.get().id(), "the change of action " + action.id() + " was undone");
                return "; task " + t.get().id() + " reset to not started";
            } catch (MigrationRuleException | RuntimeException e) {
                return "; task " + t.get().id() + " left as it is: " + e.getMessage();
            }
        }
        return "";
    }

    private void checkRightsUndo(EngineSession s, Change c) throws Exception {
        DirectoryChange d = directory(c);
        if (d == null) {
            return;
        }
        if (d.operation() == DirectoryChange.Operation.MODIFY) {
            checkRights(s, c);
        }
    }

    /**
     * Undoes one change from the backup, or with {@code dryRun} only looks for conflicts. Idempotent:
     * what is already as before the apply is left alone.
     *
     * @param tolerant an interrupted change: the server may be anywhere between before and after
     */
    private void undoOne(EngineSession s, Backup backup, Change c, boolean dryRun, boolean force, boolean tolerant)
            throws Exception {
        DirectoryChange d = directory(c);
        if (d != null) {
            switch (d.operation()) {
                case MODIFY -> undoModify(s, d, dryRun, force);
                case ADD -> {
                    SearchResultEntry e = s.ldap.read(d.dn());
                    if (e != null && !dryRun) {
                        s.ldap.delete(d.dn(), true);
                    }
                }
                case DELETE, DELETE_TREE -> {
                    List<Entry> saved = Backup.readLdif(backup.ldifFor(c.id()));
                    if (saved.isEmpty()) {
                        throw new IllegalStateException("the backup of " + d.dn() + " is missing (" + backup.ldifFor(c
                                .id()) + ")");
                    }
                    for (Entry e : saved) {
                        SearchResultEntry now = s.ldap.read(e.getDN());
                        if (now != null) {
                            if (dryRun && !tolerant && !force) {
                                throw new ConflictException(e.getDN(), null, e.getDN() + " exists again (created after"
                                        + " the apply)");
                            }
                            continue;
                        }
                        if (!dryRun) {
                            restoreEntry(s, e);
                        }
                    }
                }
            }
            return;
        }
        if (c instanceof FileChange f) {
            undoFile(s, backup, f, dryRun, force, tolerant);
        }
    }

    /**
     * Restores a deleted entry: from its tombstone when the server still has it (objectGUID and
     * objectSid kept), then every backed-up attribute written back; otherwise re-created from the
     * backup (the server gives it a new objectGUID).
     */
    private void restoreEntry(EngineSession s, Entry e) throws Exception {
        byte[] guid = e.getAttributeValueBytes("objectGUID");
        String nc = namingContext(s, e.getDN());
        List<Modification> mods = new ArrayList<>();
        for (Attribute a : restorable(e)) {
            String n = a.getBaseName();
            if (n.equalsIgnoreCase("objectClass") || n.equalsIgnoreCase("cn") || n.equalsIgnoreCase("dc")
                    || n.equalsIgnoreCase("ou") || n.equalsIgnoreCase("objectCategory") || n.equalsIgnoreCase(
                            "nTSecurityDescriptor")) {
                continue;
            }
            mods.add(new Modification(ModificationType.REPLACE, n, a.getValueByteArrays()));
        }
        boolean back = false;
        if (guid != null && nc != null && !Boolean.getBoolean("migrationconsole.actions.noReanimate")) {
            try {
                back = s.ldap.reanimate(e.getDN(), guid, nc, mods);
            } catch (LDAPException x) {
                back = false;
            }
        }
        if (!back) {
            s.ldap.addRaw(e.getDN(), restorable(e));
            return;
        }
        SearchResultEntry now = s.ldap.read(e.getDN());
        Attribute sd = e.getAttribute("nTSecurityDescriptor");
        if (sd != null && (now == null || !sd.equals(now.getAttribute("nTSecurityDescriptor")))) {
            s.ldap.modifyRaw(e.getDN(), List.of(new Modification(ModificationType.REPLACE, "nTSecurityDescriptor",
                    sd.getValueByteArrays())));
        }
        // the tombstone's bookkeeping, if the server lets a client remove it (AD does not)
        for (String n : List.of("lastKnownParent", "msDS-LastKnownRDN")) {
            if (now != null && now.hasAttribute(n) && !e.hasAttribute(n)) {
                try {
                    s.ldap.modifyRaw(e.getDN(), List.of(new Modification(ModificationType.DELETE, n)));
                } catch (LDAPException x) {
                    // listed with the attributes a client cannot restore
                }
            }
        }
    }

    /** The naming context that holds a DN (the longest matching one of the root DSE). */
    private static String namingContext(EngineSession s, String dn) throws Exception {
        String best = null;
        String l = dn.toLowerCase(Locale.ROOT);
        for (String nc : s.ldap.rootDse().values("namingContexts")) {
            String n = nc.toLowerCase(Locale.ROOT);
            if ((l.equals(n) || l.endsWith("," + n)) && (best == null || n.length() > best.length())) {
                best = nc;
            }
        }
        return best;
    }

    static List<Attribute> restorable(Entry e) {
        List<Attribute> out = new ArrayList<>();
        for (Attribute a : e.getAttributes()) {
            if (!NOT_RESTORABLE.contains(a.getBaseName())) {
                out.add(a);
            }
        }
        return out;
    }

    private void undoModify(EngineSession s, DirectoryChange d, boolean dryRun, boolean force) throws Exception {
        SearchResultEntry e = s.ldap.read(d.dn());
        if (e == null) {
            throw new ConflictException(d.dn(), null, d.dn() + " no longer exists");
        }
        List<Modification> mods = new ArrayList<>();
        for (AttributeChange a : d.attributes()) {
            List<String> now = LdapSession.values(e, a.name());
            switch (a.operation()) {
                case REPLACE -> {
                    if (same(now, a.oldValues())) {
                        continue;
                    }
                    if (!same(now, a.newValues()) && !force) {
                        throw new ConflictException(d.dn(), a.name(), d.dn() + ": " + a.name() + " changed since the"
                                + " apply (applied " + show(a.newValues()) + ", now " + show(now) + ")");
                    }
                    mods.add(a.oldValues().isEmpty() ? new Modification(ModificationType.REPLACE, a.name())
                            : LdapSession.modification(new AttributeChange(a.name(), AttributeChange.Operation.REPLACE,
                                    a.newValues(), a.oldValues(), a.binary())));
                }
                case DELETE_VALUES -> {
                    List<String> absent = a.newValues().stream().filter(v -> !now.contains(v)).toList();
                    if (!absent.isEmpty()) {
                        mods.add(LdapSession.modification(new AttributeChange(a.name(),
                                AttributeChange.Operation.ADD_VALUES, List.of(), absent, a.binary())));
                    }
                }
                case ADD_VALUES -> {
                    List<String> present = a.newValues().stream().filter(now::contains).toList();
                    if (!present.isEmpty()) {
                        mods.add(LdapSession.modification(new AttributeChange(a.name(),
                                AttributeChange.Operation.DELETE_VALUES, List.of(), present, a.binary())));
                    }
                }
            }
        }
        if (!dryRun && !mods.isEmpty()) {
            s.ldap.modifyRaw(d.dn(), mods);
        }
    }

    private void undoFile(EngineSession s, Backup backup, FileChange f, boolean dryRun, boolean force,
            boolean tolerant) throws Exception {
        WritableFileShares sh = s.shares(f.server());
        String where = "\\\\" + f.server() + "\\" + f.share() + "\\" + f.path().replace('/', '\\');
        Map<String, String> manifest = backup.manifest();
        String prefix = Backup.key(f.server(), f.share(), f.path());
        switch (f.operation()) {
            case CREATE, CREATE_FOLDER -> {
                if (sh.exists(f.share(), f.path()) && !dryRun) {
                    sh.delete(f.share(), f.path());
                }
            }
            case REPLACE -> {
                byte[] old = Files.readAllBytes(backup.fileFor(f.server(), f.share(), f.path()));
                String now = sh.exists(f.share(), f.path()) ? Backup.sha256(sh.read(f.share(), f.path())) : "absent";
                if (now.equals(Backup.sha256(old))) {
                    return;
                }
                if (!now.equals(Backup.sha256(f.newContent())) && !force) {
                    throw new ConflictException(where, null, where + " changed since the apply (SHA-256 now " + now
                            + ")");
                }
                if (!dryRun) {
                    sh.write(f.share(), f.path(), old);
                }
            }
            case DELETE, DELETE_FOLDER -> {
                if (!tolerant && !force && sh.exists(f.share(), f.path())) {
                    throw new ConflictException(where, null, where + " exists again (created after the apply)");
                }
                for (Map.Entry<String, String> m : manifest.entrySet()) {
                    if (!m.getKey().equals(prefix) && !m.getKey().startsWith(prefix + "/")) {
                        continue;
                    }
                    String path = m.getKey().substring((f.server() + "/" + f.share() + "/").length());
                    if (m.getValue().equals("folder")) {
                        if (!dryRun) {
                            sh.createFolder(f.share(), path);
                        }
                    } else if (!m.getValue().equals("absent")) {
                        byte[] b = Files.readAllBytes(backup.fileFor(f.server(), f.share(), path));
                        if (!Backup.sha256(b).equals(m.getValue())) {
                            throw new IllegalStateException("the backup of " + path + " is damaged (SHA-256 differs"
                                    + " from manifest.sha256)");
                        }
                        boolean exists = sh.exists(f.share(), path);
                        if (exists && Backup.sha256(sh.read(f.share(), path)).equals(m.getValue())) {
                            continue;
                        }
                        if (!dryRun) {
                            sh.write(f.share(), path, b);
                        }
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------ state of changes (journal replay)

    @Override
    public List<ChangeRecord> changes() {
        Map<String, Builder> byId = new LinkedHashMap<>();
        for (JournalEntry e : state.journal()) {
            if (!JournalEntry.EVENT.equals(e.type()) || !SUBJECT.equals(e.taskId()) || e.note() == null) {
                continue;
            }
            Matcher m = RECORD.matcher(e.note());
            if (!m.matches()) {
                continue;
            }
            String id = m.group(1);
            Builder b = byId.computeIfAbsent(id, k -> new Builder(k, e.at()));
            b.accept(m, e.note());
        }
        List<ChangeRecord> out = new ArrayList<>();
        for (Builder b : byId.values()) {
            out.add(b.build(changesDir().resolve(b.id)));
        }
        return out;
    }

    @Override
    public Optional<ChangeRecord> change(String changeId) {
        return changes().stream().filter(c -> c.id().equals(changeId)).findFirst();
    }

    @Override
    public Optional<ActionPlan> changePlan(String changeId) {
        Path file = changesDir().resolve(changeId).resolve("plan.json");
        try {
            return Files.exists(file) ? Optional.of(PlanCodec.fromJson(Files.readString(file))) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Replays the journal records of one change. */
    private static final class Builder {
        final String id;
        final Instant started;
        String actionId = "";
        String title = "";
        State state = State.INTERRUPTED;
        int applied;
        int total;
        int undone;
        int undoTotal;
        String message = "";
        final List<String> problems = new ArrayList<>();
        boolean undoing;

        Builder(String id, Instant started) {
            this.id = id;
            this.started = started;
        }

        void accept(Matcher m, String text) {
            String verb = m.group(2);
            String rest = m.group(7) == null ? "" : m.group(7);
            switch (verb) {
                case "intent" -> {
                    Matcher t = Pattern.compile("^(\\S+) \"(.*)\", (\\d+) changes").matcher(rest);
                    if (t.find()) {
                        actionId = t.group(1);
                        title = t.group(2);
                        total = Integer.parseInt(t.group(3));
                    }
                    state = State.INTERRUPTED;
                }
                case "applied" -> {
                    applied = Integer.parseInt(m.group(3));
                    total = Integer.parseInt(m.group(4));
                    state = State.INTERRUPTED;
                }
                case "resume" -> state = State.INTERRUPTED;
                case "failed" -> {
                    state = State.FAILED;
                    message = rest;
                }
                case "verified" -> {
                    problems.clear();
                    if (rest.startsWith("FAILED")) {
                        problems.addAll(List.of(rest.substring(rest.indexOf(';') + 1).strip().split("; ")));
                    }
                    state = rest.startsWith("passed") ? State.APPLIED : State.VERIFY_FAILED;
                }
                case "done" -> message = rest;
                case "undo-intent" -> {
                    undoing = true;
                    undone = 0;
                    Matcher t = Pattern.compile("^(\\d+) of (\\d+)").matcher(rest);
                    if (t.find()) {
                        undoTotal = Integer.parseInt(t.group(1));
                    }
                    state = State.UNDO_INTERRUPTED;
                }
                case "undone" -> {
                    undone = Integer.parseInt(m.group(3));
                    undoTotal = Integer.parseInt(m.group(4));
                    state = State.UNDO_INTERRUPTED;
                }
                case "undo-done" -> {
                    state = State.UNDONE;
                    message = rest;
                }
                case "undo-failed" -> {
                    message = "undo refused or failed: " + rest;
                    // a refused undo (nothing written) leaves the change as it was
                }
                default -> {
                }
            }
        }

        ChangeRecord build(Path folder) {
            String msg = switch (state) {
                case INTERRUPTED -> "interrupted after " + applied + " of " + total + " changes: resume or undo it";
                case FAILED -> "stopped after " + applied + " of " + total + " changes: " + message
                        + " (resume or undo it)";
                case UNDO_INTERRUPTED -> "undo interrupted after " + undone + " of " + undoTotal
                        + " changes: run undo again";
                default -> message;
            };
            return new ChangeRecord(id, actionId, title, state, applied, total, undone, started, folder, msg, problems);
        }
    }

    // ------------------------------------------------------------------ the context given to actions

    private final class Context implements ActionContext {
        private final EngineSession s;
        private final FieldValues options;
        private final String changeId;

        Context(EngineSession s, FieldValues options, String changeId, MigrationAction action) {
            this.s = s;
            this.options = options;
            this.changeId = changeId;
        }

        @Override
        public ConnectionProfile profile() {
            return s.profile;
        }

        @Override
        public WritableDirectory directory() {
            return s.ldap;
        }

        @Override
        public NameLookup dns() {
            return s.dns();
        }

        @Override
        public WritableFileShares sourceShares() {
            return s.source();
        }

        @Override
        public WritableFileShares destinationShares() {
            return s.destination();
        }

        @Override
        public FieldValues options() {
            return options.copy();
        }

        @Override
        public String changeId() {
            return changeId;
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public String taskState(String taskId) {
            return state.task(taskId).map(t -> t.recordedState().id()).orElse("unknown");
        }

        @Override
        public void progress(String message) {
            // shown by the caller's progress consumer
        }

        @Override
        public boolean isCanceled() {
            return Thread.currentThread().isInterrupted();
        }

        @Override
        public Verification verifyAsPlanned(ActionPlan plan) throws Exception {
            return ActionEngine.this.verifyAsPlanned(s, plan);
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
