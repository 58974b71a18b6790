package org.migrationconsole.ui.tests;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedAddRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedModifyRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchEntry;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSearchRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SimpleBindRequest;

import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.ManualItem;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.connect.SecretStore;

/**
 * What the action UI tests act on, as the lab cannot run inside the UI test JVM: a real LDAP server
 * (UnboundID's in-memory directory server, listening on 127.0.0.77:389; not Active Directory: no
 * schema, no uSNChanged, no tombstones, and an interceptor answers {@code allowedAttributesEffective}
 * and {@code allowedChildClassesEffective} and drops the AD-only request controls the engine sends)
 * and a {@link MigrationAction} of the test ({@link CleanupAction}) that the real action engine
 * plans, backs up, applies, journals, verifies and undoes over LDAP. The journal and the
 * {@code changes/} folder the tests look at are the engine's own.
 */
final class ActionFixture implements AutoCloseable {

    static final String HOST = "127.0.0.77";
    static final String BASE = "DC=uitest,DC=local";
    static final String PEOPLE = "OU=People," + BASE;
    static final String ALICE = "CN=Alice Adams," + PEOPLE;
    static final String BOB = "CN=Bob Brown," + PEOPLE;
    static final String CAROL = "CN=Carol Cole," + PEOPLE;
    static final String GROUP = "CN=SBS Logon Script Users," + PEOPLE;
    static final String MARKER = "CN=Logon scripts retired," + PEOPLE;
    static final String NODE = "DC=sbs2003,DC=uitest.local,CN=MicrosoftDNS,CN=System," + BASE;
    static final String PASSWORD = "Ui-Action-Passw0rd";
    /** An A record 10.0.0.2 in MS-DNSP form (DNS_RPC_RECORD): the value the DNS change removes. */
    static final byte[] A_RECORD = { 4, 0, 1, 0, 5, (byte) 0xF0, 0, 0, 1, 0, 0, 0, 0, 0, 0x0E, 0x10, 0, 0, 0, 0, 0,
            0, 0, 0, 10, 0, 0, 2 };
    static final byte[] OTHER_RECORD = { 4, 0, 1, 0, 5, (byte) 0xF0, 0, 0, 1, 0, 0, 0, 0, 0, 0x0E, 0x10, 0, 0, 0, 0,
            0, 0, 0, 0, 10, 0, 0, 9 };

    final InMemoryDirectoryServer server;

    ActionFixture() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getByName(HOST), 389,
                null));
        config.addAdditionalBindCredentials("CN=Administrator,CN=Users," + BASE, PASSWORD);
        config.setCustomRootDSEAttributes(List.of(new Attribute("defaultNamingContext", BASE), new Attribute(
                "configurationNamingContext", "CN=Configuration," + BASE)));
        config.addInMemoryOperationInterceptor(new AdLike());
        server = new InMemoryDirectoryServer(config);
        server.add(entry(BASE, "objectClass: top", "objectClass: domainDNS", "dc: uitest"));
        server.add(entry("CN=Users," + BASE, "objectClass: top", "objectClass: container", "cn: Users"));
        server.add(entry("CN=Administrator,CN=Users," + BASE, "objectClass: user", "cn: Administrator",
                "sAMAccountName: Administrator"));
        server.add(entry(PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: People"));
        server.add(entry(ALICE, "objectClass: user", "cn: Alice Adams", "sAMAccountName: alice",
                "scriptPath: SBS_LOGIN_SCRIPT.bat"));
        server.add(entry(BOB, "objectClass: user", "cn: Bob Brown", "sAMAccountName: bob",
                "scriptPath: sbs_login_script.BAT"));
        server.add(entry(CAROL, "objectClass: user", "cn: Carol Cole", "sAMAccountName: carol",
                "scriptPath: carol-drives.cmd"));
        server.add(entry(GROUP, "objectClass: group", "cn: SBS Logon Script Users", "description: Users that run"
                + " SBS_LOGIN_SCRIPT.bat", "member: " + ALICE, "member: " + BOB));
        server.add(entry("CN=System," + BASE, "objectClass: container", "cn: System"));
        server.add(entry("CN=MicrosoftDNS,CN=System," + BASE, "objectClass: container", "cn: MicrosoftDNS"));
        server.add(entry("DC=uitest.local,CN=MicrosoftDNS,CN=System," + BASE, "objectClass: dnsZone",
                "dc: uitest.local"));
        Entry node = entry(NODE, "objectClass: dnsNode", "dc: sbs2003");
        node.addAttribute(new Attribute("dnsRecord", A_RECORD, OTHER_RECORD));
        server.add(node);
        server.startListening();
    }

    private static Entry entry(String dn, String... lines) throws Exception {
        List<String> all = new ArrayList<>();
        all.add("dn: " + dn);
        all.addAll(List.of(lines));
        return new Entry(all.toArray(String[]::new));
    }

    /** Writes the workspace's profile (plain LDAP, chosen explicitly) and keeps the password in secure storage. */
    static Path profile(Path workspace) throws Exception {
        Path file = workspace.resolve("profile.properties");
        Files.writeString(file, "source.host=" + HOST + "\nsource.domain=uitest.local\nsource.netbios=UITEST\n"
                + "source.admin=Administrator\nsource.ldap.security=plain\ntarget.version=essentials-2016\n",
                StandardCharsets.UTF_8);
        SecretStore.open(SecretStore.defaultFolder()).put(SecretStore.accountKey("Administrator", HOST),
                PASSWORD.toCharArray());
        return file;
    }

    /** The values of an attribute on the server now (binary ones base64). */
    List<String> values(String dn, String attribute) throws Exception {
        Entry e = server.getEntry(dn);
        if (e == null || e.getAttribute(attribute) == null) {
            return e == null ? List.of("(no entry)") : List.of();
        }
        Attribute a = e.getAttribute(attribute);
        if (attribute.equalsIgnoreCase("dnsRecord")) {
            List<String> out = new ArrayList<>();
            for (byte[] b : a.getValueByteArrays()) {
                out.add(Base64.getEncoder().encodeToString(b));
            }
            return out;
        }
        return List.of(a.getValues());
    }

    boolean exists(String dn) throws Exception {
        return server.getEntry(dn) != null;
    }

    @Override
    public void close() {
        server.shutDown(true);
    }

    /** Makes the in-memory server answer the few AD-isms the engine relies on. */
    private static final class AdLike extends InMemoryOperationInterceptor {
        private static final Set<String> AD_CONTROLS = Set.of("1.2.840.113556.1.4.801", "1.2.840.113556.1.4.417");

        private static Control[] plain(Control[] controls) {
            return java.util.Arrays.stream(controls).filter(c -> !AD_CONTROLS.contains(c.getOID())).toArray(
                    Control[]::new);
        }

        @Override
        public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
            String dn = request.getRequest().getBindDN();
            if (dn.toLowerCase(Locale.ROOT).equals("administrator@uitest.local")) {
                request.setRequest(new SimpleBindRequest("CN=Administrator,CN=Users," + BASE, request.getRequest()
                        .getPassword().getValue()));
            }
        }

        @Override
        public void processSearchRequest(InMemoryInterceptedSearchRequest request) {
            SearchRequest r = request.getRequest().duplicate();
            r.setControls(plain(r.getControls()));
            request.setRequest(r);
        }

        @Override
        public void processModifyRequest(InMemoryInterceptedModifyRequest request) {
            ModifyRequest r = request.getRequest().duplicate();
            r.setControls(plain(r.getControls()));
            request.setRequest(r);
        }

        @Override
        public void processAddRequest(InMemoryInterceptedAddRequest request) {
            AddRequest r = request.getRequest().duplicate();
            r.setControls(plain(r.getControls()));
            request.setRequest(r);
        }

        @Override
        public void processSearchEntry(InMemoryInterceptedSearchEntry entry) {
            List<String> asked = entry.getRequest().getAttributeList();
            Set<String> lower = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            lower.addAll(asked);
            if (!lower.contains("allowedAttributesEffective") && !lower.contains("allowedChildClassesEffective")) {
                return;
            }
            Entry e = entry.getSearchEntry().duplicate();
            if (lower.contains("allowedAttributesEffective")) {
                e.addAttribute("allowedAttributesEffective", "scriptPath", "description", "member", "dnsRecord",
                        "cn");
            }
            if (lower.contains("allowedChildClassesEffective")) {
                e.addAttribute("allowedChildClassesEffective", "user", "group", "container", "dnsNode");
            }
            entry.setSearchEntry(e);
        }
    }

    /**
     * The test's action (no step plug-in names it; it says it does a task of the join step so that
     * the checklist shows it): clears the SBS logon script from the users that carry it, deletes
     * the group of those users, creates a marker entry, removes the old server's A record and asks
     * for a DNS forwarder change by hand. {@link #crashAt} makes the change with that number end
     * the way a killed process does (no journal record of its failure).
     */
    static final class CleanupAction implements MigrationAction {
        static final String TASK = "join.verify-group-policy";

        /** Unique per test: the workspace under target/ keeps the journal of earlier runs. */
        private final String id = "join.ui-test-cleanup-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        volatile int crashAt;
        volatile long delayMillis;
        private int applied;

        @Override
        public String id() {
            return id;
        }

        @Override
        public String stepId() {
            return "join";
        }

        @Override
        public String title() {
            return "Retire the SBS logon script (UI test)";
        }

        @Override
        public String description() {
            return "Clears SBS_LOGIN_SCRIPT.bat from the users, deletes their group and the old server's A record.";
        }

        @Override
        public Optional<String> taskId() {
            return Optional.of(TASK);
        }

        @Override
        public ActionPlan plan(ActionContext context) throws Exception {
            List<Change> changes = new ArrayList<>();
            int n = 1;
            for (Directory.Entry u : context.directory().search(PEOPLE, Directory.Scope.ONE, "(scriptPath=*)",
                    "scriptPath")) {
                String v = u.first("scriptPath");
                if (v.equalsIgnoreCase("SBS_LOGIN_SCRIPT.bat")) {
                    changes.add(new DirectoryChange(Integer.toString(n++), DirectoryChange.Operation.MODIFY, u.dn(),
                            List.of(AttributeChange.replace("scriptPath", List.of(v), List.of())), null,
                            "SBS logon script"));
                }
            }
            List<Directory.Entry> group = context.directory().search(GROUP, Directory.Scope.BASE, "(objectClass=*)",
                    "description", "member");
            if (!group.isEmpty()) {
                changes.add(new DirectoryChange(Integer.toString(n++), DirectoryChange.Operation.DELETE, GROUP, List.of(
                        new AttributeChange("member", AttributeChange.Operation.REPLACE, group.get(0).values("member"),
                                List.of(), false)), null, "only the logon script used it"));
            }
            changes.add(new DirectoryChange(Integer.toString(n++), DirectoryChange.Operation.ADD, MARKER, List.of(
                    AttributeChange.replace("objectClass", List.of(), List.of("top", "container")), AttributeChange
                            .replace("description", List.of(), List.of("SBS logon script retired by the console"))),
                    null, ""));
            String record = Base64.getEncoder().encodeToString(A_RECORD);
            List<String> now = context.directory().search(NODE, Directory.Scope.BASE, "(objectClass=*)", "dnsRecord")
                    .stream().findFirst().map(e -> e.values("dnsRecord")).orElse(List.of());
            if (now.contains(record)) {
                changes.add(new DnsRecordChange(Integer.toString(n++), DnsRecordChange.Operation.DELETE,
                        "uitest.local", "sbs2003", "A", "10.0.0.2", new DirectoryChange("dns-" + n,
                                DirectoryChange.Operation.MODIFY, NODE, List.of(new AttributeChange("dnsRecord",
                                        AttributeChange.Operation.DELETE_VALUES, now, List.of(record), true)), null,
                                "")));
            }
            changes.add(new ManualItem(Integer.toString(n), "on the destination's DNS server remove the forwarder"
                    + " 10.0.0.2 (DNS Manager > server > Properties > Forwarders)"));
            return new ActionPlan(id, context.now(), context.options().asMap(), changes, List.of(
                    "Carol Cole left out: her logon script carol-drives.cmd is not the SBS one"));
        }

        @Override
        public boolean apply(Change change, ActionContext context) throws Exception {
            applied++;
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            int index = Integer.parseInt(change.id());
            if (crashAt > 0 && index == crashAt) {
                crashAt = 0;
                throw new Crash("simulated end of the process inside change " + index);
            }
            return false;
        }

        int applied() {
            return applied;
        }
    }

    /** Ends an apply the way kill -9 does for the journal: no "failed" record is written. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }
}
