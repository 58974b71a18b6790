package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionException.Kind;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.ConnectionProfile.LdapSecurity;
import org.migrationconsole.api.check.Directory;

/** The source's directory over LDAP (UnboundID SDK): LDAPS or StartTLS unless plain is chosen. */
public final class LdapDirectory implements Directory, AutoCloseable {

    private final LDAPConnection connection;
    private final String pinnedNote;
    private volatile Entry rootDse;

    private LdapDirectory(LDAPConnection connection, String pinnedNote) {
        this.connection = connection;
        this.pinnedNote = pinnedNote;
    }

    /**
     * Connects and binds as the profile's administrator.
     *
     * @param pins where certificates are pinned
     * @param timeoutMillis connect and response timeout
     */
    public static LdapDirectory connect(ConnectionProfile profile, char[] password, CertificatePins pins,
            int timeoutMillis) throws ConnectionException {
        LdapSecurity security = profile.ldapSecurity();
        int port = security == LdapSecurity.LDAPS ? 636 : 389;
        String host = profile.sourceHost();
        String endpoint = host + ":" + port;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(timeoutMillis);
        options.setResponseTimeoutMillis(timeoutMillis);
        options.setUseSynchronousMode(false);
        CertificatePins.Verifier verifier = null;
        LDAPConnection c = null;
        try {
            if (security != LdapSecurity.PLAIN) {
                verifier = pins.verifier(endpoint, profile.caFile());
                if (profile.caFile() != null) {
                    options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
                }
            }
            if (security == LdapSecurity.LDAPS) {
                c = new LDAPConnection(new SSLUtil(verifier).createSSLSocketFactory(), options, host, port);
            } else {
                c = new LDAPConnection(options, host, port);
                if (security == LdapSecurity.STARTTLS) {
                    ExtendedResult r = c.processExtendedOperation(
                            new StartTLSExtendedRequest(new SSLUtil(verifier).createSSLContext()));
                    if (r.getResultCode() != ResultCode.SUCCESS) {
                        throw new ConnectionException(Kind.UNREACHABLE, endpoint + " refused StartTLS ("
                                + r.getDiagnosticMessage() + "); use source.ldap.security=ldaps");
                    }
                }
            }
            String who = profile.adminAccount() + "@" + profile.domain();
            c.bind(new SimpleBindRequest(who, new String(password)));
            return new LdapDirectory(c, verifier == null ? null : verifier.newlyPinned());
        } catch (LDAPException e) {
            if (c != null) {
                c.close();
            }
            throw translate(e, profile, endpoint, verifier);
        } catch (GeneralSecurityException | IOException e) {
            if (c != null) {
                c.close();
            }
            throw new ConnectionException(Kind.CERTIFICATE, "Cannot set up TLS for " + endpoint + ": " + e.getMessage(),
                    e);
        } catch (ConnectionException e) {
            if (c != null) {
                c.close();
            }
            throw e;
        }
    }

    private static ConnectionException translate(LDAPException e, ConnectionProfile profile, String endpoint,
            CertificatePins.Verifier verifier) {
        if (verifier != null && verifier.problem() != null) {
            return new ConnectionException(Kind.CERTIFICATE, "Refused the source server's certificate: "
                    + verifier.problem() + ".", e);
        }
        ResultCode rc = e.getResultCode();
        if (rc == ResultCode.INVALID_CREDENTIALS) {
            return new ConnectionException(Kind.BAD_CREDENTIALS, "The source server " + profile.sourceHost()
                    + " refused the password of " + profile.adminAccount() + "@" + profile.domain()
                    + " (invalid credentials). Check source.admin and the password.", e);
        }
        if (rc == ResultCode.STRONG_AUTH_REQUIRED || rc == ResultCode.CONFIDENTIALITY_REQUIRED) {
            return new ConnectionException(Kind.BAD_CREDENTIALS, "The source server " + profile.sourceHost()
                    + " requires an encrypted connection for binding; set source.ldap.security to ldaps or starttls.",
                    e);
        }
        String why = e.getMessage();
        if (why != null && why.contains("UnknownHost")) {
            why = "the name does not resolve";
        }
        return new ConnectionException(Kind.UNREACHABLE, "Cannot reach the source server at " + endpoint + " ("
                + rc.getName() + ": " + why + "). Check source.host, the network and that the server is up.", e);
    }

    /** "fingerprint (subject)" when this connection pinned the certificate, else null. */
    public String newlyPinned() {
        return pinnedNote;
    }

    @Override
    public Entry rootDse() throws Exception {
        Entry e = rootDse;
        if (e == null) {
            RootDSE dse = connection.getRootDSE();
            if (dse == null) {
                throw new IllegalStateException("the server returned no root DSE");
            }
            e = entry(dse);
            rootDse = e;
        }
        return e;
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
        try {
            SearchResult r = connection.search(new SearchRequest(base, s, filter, attributes));
            List<Entry> out = new ArrayList<>(r.getEntryCount());
            for (SearchResultEntry e : r.getSearchEntries()) {
                out.add(entry(e));
            }
            return out;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return List.of();
            }
            throw e;
        }
    }

    private static Entry entry(com.unboundid.ldap.sdk.Entry e) {
        return new Entry() {
            @Override
            public String dn() {
                return e.getDN();
            }

            @Override
            public List<String> values(String attribute) {
                String[] v = e.getAttributeValues(attribute);
                return v == null ? List.of() : Arrays.asList(v);
            }
        };
    }

    @Override
    public void close() {
        connection.close();
    }
}
