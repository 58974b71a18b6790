package org.migrationconsole.actions.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.ldap.sdk.AddRequest;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DeleteRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionException.Kind;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.connect.internal.CertificatePins;
import org.migrationconsole.connect.internal.LdapDirectory;
import org.migrationconsole.connect.internal.SourceAddress;

/**
 * The source's directory with write access for the action engine (UnboundID): over the protection
 * the profile chose (LDAPS, StartTLS; plain only when the profile says plain), bound as the
 * profile's administrator. Binary attributes are base64 text. While {@link #readOnly} is set every
 * write is refused: planning writes nothing.
 */
public final class LdapSession implements WritableDirectory, AutoCloseable {

    /** Attributes whose values are binary (base64 in the API). */
    public static final Set<String> BINARY = caseless("objectGUID", "objectSid", "nTSecurityDescriptor", "dnsRecord",
            "dNSProperty", "replPropertyMetaData", "replUpToDateVector", "repsFrom", "repsTo", "userCertificate",
            "cACertificate", "thumbnailPhoto", "jpegPhoto", "logonHours", "dSASignature", "msDS-GenerationId",
            "schemaIDGUID", "attributeSecurityGUID", "invocationId", "msDS-AllowedToActOnBehalfOfOtherIdentity",
            "msDFSR-ContentSetGuid", "mS-DS-ConsistencyGuid", "sIDHistory", "tokenGroups", "objectGUID",
            "msDS-NcType", "msDS-ReplValueMetaData", "supplementalCredentials", "unicodePwd", "dBCSPwd", "ntPwdHistory",
            "lmPwdHistory", "msExchMailboxGuid", "msExchMailboxSecurityDescriptor", "auditingPolicy",
            "msDS-TrustForestTrustInfo", "trustAuthIncoming", "trustAuthOutgoing", "currentValue", "priorValue",
            "initialAuthIncoming", "initialAuthOutgoing", "pekList", "msDS-ExecuteScriptPassword", "oMObjectClass",
            "msWMI-Parm4");

    /** LDAP_SERVER_SD_FLAGS_OID: owner, group and DACL (the SACL needs a privilege). */
    static final String SD_FLAGS_OID = "1.2.840.113556.1.4.801";
    /** LDAP_SERVER_SHOW_DELETED_OID. */
    static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";

    private final LDAPConnection connection;
    private final String account;
    private final String pinned;
    private volatile boolean readOnly;
    private volatile com.unboundid.ldap.sdk.RootDSE rootDse;

    private LdapSession(LDAPConnection connection, String account, String pinned) {
        this.connection = connection;
        this.account = account;
        this.pinned = pinned;
    }

    static Set<String> caseless(String... names) {
        Set<String> s = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        s.addAll(List.of(names));
        return s;
    }

    public static boolean isBinary(String attribute) {
        return BINARY.contains(attribute);
    }

    /** Connects over the profile's protection and binds; a refused bind names the account. */
    public static LdapSession connect(ConnectionProfile profile, char[] password, CertificatePins pins,
            int timeoutMillis) throws ConnectionException {
        if (password == null || password.length == 0) {
            throw new ConnectionException(Kind.NO_PASSWORD, "No password for " + profile.adminAccount() + "@"
                    + profile.domain() + " was given: changes to the server need the profile's credentials");
        }
        // the same connection code as the checks (connect's LdapDirectory): Kerberos (GSSAPI, signed and
        // sealed), LDAPS or StartTLS verified against source.host, plain only when the profile chose it;
        // a name with several addresses goes to the one that answers; bounded connect, handshake and bind
        String who = profile.adminAccount() + "@" + profile.domain();
        SourceAddress address = SourceAddress.choose(profile, LdapDirectory.port(profile), timeoutMillis);
        LdapDirectory d = LdapDirectory.connect(profile, password, pins, address.address(), timeoutMillis);
        LDAPConnection c = d.connection();
        // a write (a GPO's subtree, a large dnsRecord set) may take longer than a read
        LDAPConnectionOptions options = c.getConnectionOptions().duplicate();
        options.setResponseTimeoutMillis(Math.max(timeoutMillis, 30_000));
        c.setConnectionOptions(options);
        return new LdapSession(c, who, d.newlyPinned());
    }

    public String account() {
        return account;
    }

    /** "fingerprint (subject)" when this connection pinned the certificate, else null. */
    public String newlyPinned() {
        return pinned;
    }

    /** While true, every write is refused (planning). */
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    private void writable(String what) {
        if (readOnly) {
            throw new IllegalStateException("refused to " + what + " while planning: a plan writes nothing");
        }
    }

    public LDAPConnection connection() {
        return connection;
    }

    // ------------------------------------------------------------------ reads

    @Override
    public Entry rootDse() throws Exception {
        com.unboundid.ldap.sdk.RootDSE d = rootDse;
        if (d == null) {
            d = connection.getRootDSE();
            rootDse = d;
        }
        return entry(d);
    }

    @Override
    public String defaultNamingContext() throws Exception {
        return rootDse().first("defaultNamingContext");
    }

    @Override
    public String configurationNamingContext() throws Exception {
        return rootDse().first("configurationNamingContext");
    }

    @Override
    public List<Entry> search(String base, Scope scope, String filter, String... attributes) throws Exception {
        SearchScope s = switch (scope) {
            case BASE -> SearchScope.BASE;
            case ONE -> SearchScope.ONE;
            case SUBTREE -> SearchScope.SUB;
        };
        List<Entry> out = new ArrayList<>();
        for (SearchResultEntry e : raw(base, s, filter, attributes)) {
            out.add(entry(e));
        }
        return out;
    }

    /** Raw entries (binary values intact); a missing base gives an empty list. */
    public List<SearchResultEntry> raw(String base, SearchScope scope, String filter, String... attributes)
            throws LDAPException {
        SearchRequest r = new SearchRequest(base, scope, filter, attributes);
        if (List.of(attributes).stream().anyMatch(a -> a.equalsIgnoreCase("nTSecurityDescriptor"))) {
            r.addControl(sdFlags());
        }
        try {
            SearchResult res = connection.search(r);
            return res.getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw e;
        }
    }

    /** One entry with all readable attributes (and nTSecurityDescriptor), or null. */
    public SearchResultEntry read(String dn) throws LDAPException {
        List<SearchResultEntry> r = raw(dn, SearchScope.BASE, "(objectClass=*)", "*", "nTSecurityDescriptor",
                "uSNChanged", "whenChanged", "uSNCreated", "whenCreated", "objectGUID", "replPropertyMetaData");
        return r.isEmpty() ? null : r.get(0);
    }

    /** The entry and everything below it, parents first. */
    public List<SearchResultEntry> subtree(String dn) throws LDAPException {
        List<SearchResultEntry> all = new ArrayList<>(raw(dn, SearchScope.SUB, "(objectClass=*)", "*",
                "nTSecurityDescriptor", "uSNChanged", "whenChanged", "uSNCreated", "whenCreated", "objectGUID",
                "replPropertyMetaData"));
        all.sort(Comparator.comparingInt(e -> depth(e.getDN())));
        return all;
    }

    static int depth(String dn) {
        try {
            return new com.unboundid.ldap.sdk.DN(dn).getRDNs().length;
        } catch (LDAPException e) {
            return dn.split(",").length;
        }
    }

    static Control sdFlags() {
        return new Control(SD_FLAGS_OID, true, new ASN1OctetString(new ASN1Sequence(new ASN1Integer(7)).encode()));
    }

    private static Entry entry(com.unboundid.ldap.sdk.Entry e) {
        return new Entry() {
            @Override
            public String dn() {
                return e.getDN();
            }

            @Override
            public List<String> values(String attribute) {
                return LdapSession.values(e, attribute);
            }
        };
    }

    /** The values of an attribute as the API shows them (binary ones base64). */
    public static List<String> values(com.unboundid.ldap.sdk.Entry e, String attribute) {
        Attribute a = e.getAttribute(attribute);
        if (a == null) {
            return List.of();
        }
        if (isBinary(attribute)) {
            List<String> out = new ArrayList<>();
            for (byte[] b : a.getValueByteArrays()) {
                out.add(Base64.getEncoder().encodeToString(b));
            }
            return out;
        }
        return List.of(a.getValues());
    }

    @Override
    public String usnChanged(String dn) throws Exception {
        List<SearchResultEntry> r = raw(dn, SearchScope.BASE, "(objectClass=*)", "uSNChanged");
        return r.isEmpty() ? null : r.get(0).getAttributeValue("uSNChanged");
    }

    // ------------------------------------------------------------------ writes

    @Override
    public void add(String dn, Map<String, List<String>> attributes) throws Exception {
        writable("add " + dn);
        List<Attribute> list = new ArrayList<>();
        attributes.forEach((name, vals) -> list.add(attribute(name, vals)));
        AddRequest r = new AddRequest(dn, list);
        if (attributes.keySet().stream().anyMatch(a -> a.equalsIgnoreCase("nTSecurityDescriptor"))) {
            r.addControl(sdFlags());
        }
        connection.add(r);
    }

    /** Adds an entry with raw attributes (binary intact), as read from a backup. */
    public void addRaw(String dn, List<Attribute> attributes) throws LDAPException {
        writable("add " + dn);
        AddRequest r = new AddRequest(dn, attributes);
        if (attributes.stream().anyMatch(a -> a.getName().equalsIgnoreCase("nTSecurityDescriptor"))) {
            r.addControl(sdFlags());
        }
        connection.add(r);
    }

    /** Modifies with raw modifications. */
    public void modifyRaw(String dn, List<Modification> mods) throws LDAPException {
        writable("modify " + dn);
        ModifyRequest r = new ModifyRequest(dn, mods);
        if (mods.stream().anyMatch(m -> m.getAttributeName().equalsIgnoreCase("nTSecurityDescriptor"))) {
            r.addControl(sdFlags());
        }
        connection.modify(r);
    }

    static Attribute attribute(String name, List<String> values) {
        if (isBinary(name)) {
            byte[][] raw = values.stream().map(v -> Base64.getDecoder().decode(v)).toArray(byte[][]::new);
            return new Attribute(name, raw);
        }
        return new Attribute(name, values);
    }

    @Override
    public void modify(String dn, List<AttributeChange> changes) throws Exception {
        writable("modify " + dn);
        List<Modification> mods = new ArrayList<>();
        for (AttributeChange c : changes) {
            mods.add(modification(c));
        }
        modifyRaw(dn, mods);
    }

    static Modification modification(AttributeChange c) {
        ModificationType t = switch (c.operation()) {
            case REPLACE -> ModificationType.REPLACE;
            case ADD_VALUES -> ModificationType.ADD;
            case DELETE_VALUES -> ModificationType.DELETE;
        };
        if (c.binary() || isBinary(c.name())) {
            byte[][] raw = c.newValues().stream().map(v -> Base64.getDecoder().decode(v)).toArray(byte[][]::new);
            return new Modification(t, c.name(), raw);
        }
        return new Modification(t, c.name(), c.newValues().toArray(String[]::new));
    }

    @Override
    public void delete(String dn, boolean tree) throws Exception {
        writable("delete " + dn);
        if (tree) {
            List<SearchResultEntry> all = raw(dn, SearchScope.SUB, "(objectClass=*)", "1.1");
            List<String> dns = new ArrayList<>(all.stream().map(SearchResultEntry::getDN).toList());
            dns.sort(Comparator.comparingInt(LdapSession::depth).reversed());
            for (String d : dns) {
                deleteOne(d);
            }
        } else {
            deleteOne(dn);
        }
    }

    private void deleteOne(String dn) throws LDAPException {
        try {
            connection.delete(new DeleteRequest(dn));
        } catch (LDAPException e) {
            if (e.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                throw e;
            }
        }
    }

    /**
     * Brings a deleted entry back from its tombstone ({@code CN=Deleted Objects}), keeping its
     * objectGUID and objectSid: finds the tombstone by objectGUID in the entry's naming context,
     * removes isDeleted and moves it to {@code dn}. False when no tombstone is found (the caller
     * then re-creates the entry).
     */
    public boolean reanimate(String dn, byte[] objectGuid, String namingContext, List<Modification> restore)
            throws LDAPException {
        writable("restore " + dn);
        SearchRequest r = new SearchRequest(namingContext, SearchScope.SUB, com.unboundid.ldap.sdk.Filter.createANDFilter(
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("isDeleted", "TRUE"),
                com.unboundid.ldap.sdk.Filter.createEqualityFilter("objectGUID", objectGuid)), "1.1");
        r.addControl(new Control(SHOW_DELETED_OID, true));
        List<SearchResultEntry> found;
        try {
            found = connection.search(r).getSearchEntries();
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return false;
            }
            throw e;
        }
        if (found.isEmpty()) {
            return false;
        }
        List<Modification> mods = new ArrayList<>(List.of(new Modification(ModificationType.DELETE, "isDeleted"),
                new Modification(ModificationType.REPLACE, "distinguishedName", dn)));
        mods.addAll(restore); // the mandatory attributes a tombstone lost must come back in the same request
        ModifyRequest m = new ModifyRequest(found.get(0).getDN(), mods);
        m.addControl(new Control(SHOW_DELETED_OID, true));
        connection.modify(m);
        return true;
    }

    /**
     * Attributes the account may write on the entry ({@code allowedAttributesEffective}); null
     * when the server does not say.
     */
    public Set<String> writableAttributes(String dn) throws LDAPException {
        List<SearchResultEntry> r = raw(dn, SearchScope.BASE, "(objectClass=*)", "allowedAttributesEffective");
        if (r.isEmpty()) {
            return null;
        }
        String[] v = r.get(0).getAttributeValues("allowedAttributesEffective");
        return v == null ? caseless() : caseless(v);
    }

    /** Classes the account may create below the entry ({@code allowedChildClassesEffective}). */
    public Set<String> creatableChildClasses(String dn) throws LDAPException {
        List<SearchResultEntry> r = raw(dn, SearchScope.BASE, "(objectClass=*)", "allowedChildClassesEffective");
        if (r.isEmpty()) {
            return null;
        }
        String[] v = r.get(0).getAttributeValues("allowedChildClassesEffective");
        return v == null ? caseless() : caseless(v);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        connection.close();
    }
}
