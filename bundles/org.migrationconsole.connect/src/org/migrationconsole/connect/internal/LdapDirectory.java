package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.SocketFactory;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
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

/**
 * One LDAP connection to the source (UnboundID SDK): Kerberos (GSSAPI, signed and sealed), LDAPS,
 * StartTLS, or plain only when chosen. It connects to a given address and verifies the TLS
 * certificate and the Kerberos service name against {@code source.host}. Connecting, the TLS
 * handshake and the bind together are bounded in time: a watchdog closes the socket when the
 * server stalls (a TLS handshake has no read timeout of its own). {@link DirectoryPool} keeps
 * several of these for the checks.
 */
public final class LdapDirectory implements Directory, AutoCloseable {

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ldap-connect-watchdog");
        t.setDaemon(true);
        return t;
    });

    private final LDAPConnection connection;
    private final String pinnedNote;
    private final String endpoint;
    private volatile Entry rootDse;

    private LdapDirectory(LDAPConnection connection, String pinnedNote, String endpoint) {
        this.connection = connection;
        this.pinnedNote = pinnedNote;
        this.endpoint = endpoint;
    }

    /**
     * The bound connection itself, for the action engine's writes: they travel over the same
     * protection as the checks' reads (Kerberos signed and sealed, LDAPS or StartTLS).
     */
    public LDAPConnection connection() {
        return connection;
    }

    /** The port for the profile's security. */
    public static int port(ConnectionProfile profile) {
        return profile.ldapSecurity() == LdapSecurity.LDAPS ? 636 : 389;
    }

    /** Connects to the profile's host name (resolved by the system) and binds. */
    public static LdapDirectory connect(ConnectionProfile profile, char[] password, CertificatePins pins,
            int timeoutMillis) throws ConnectionException {
        InetAddress address;
        try {
            address = InetAddress.getByName(profile.sourceAddressIfKnown().orElse(profile.sourceHost()));
        } catch (IOException e) {
            throw new ConnectionException(Kind.UNREACHABLE, "Cannot reach the source server at "
                    + profile.sourceHost() + ":" + port(profile) + " (the name does not resolve). Check source.host,"
                    + " the network and that the server is up.", e);
        }
        return connect(profile, password, pins, address, timeoutMillis);
    }

    /**
     * Connects to {@code address} and binds as the profile's administrator; TLS and Kerberos are
     * verified against {@code source.host}.
     *
     * @param timeoutMillis bounds the TCP connect, and again each of the TLS handshake and bind;
     *            the whole connect never takes more than three times this
     */
    public static LdapDirectory connect(ConnectionProfile profile, char[] password, CertificatePins pins,
            InetAddress address, int timeoutMillis) throws ConnectionException {
        LdapSecurity security = profile.ldapSecurity();
        int port = port(profile);
        String host = profile.sourceHost();
        String endpoint = host + ":" + port;
        String where = host.equalsIgnoreCase(address.getHostAddress()) ? endpoint
                : endpoint + " (" + address.getHostAddress() + ")";
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(timeoutMillis);
        options.setResponseTimeoutMillis(timeoutMillis);
        options.setUseSynchronousMode(false);
        options.setAutoReconnect(false);
        CertificatePins.Verifier verifier = null;
        LDAPConnection c = null;
        Watchdog watchdog = null;
        try {
            SocketFactory plainFactory = SocketFactory.getDefault();
            if (security == LdapSecurity.LDAPS || security == LdapSecurity.STARTTLS) {
                verifier = pins.verifier(endpoint, profile.caFile());
                // the certificate must name source.host, whatever address is connected to
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            }
            SocketFactory factory = security == LdapSecurity.LDAPS
                    ? new SSLUtil(verifier).createSSLSocketFactory() : plainFactory;
            watchdog = new Watchdog(factory, timeoutMillis);
            c = new LDAPConnection(watchdog, options);
            watchdog.arm(3L * timeoutMillis);
            c.connect(host, address, port, timeoutMillis);
            if (security == LdapSecurity.STARTTLS) {
                ExtendedResult r = c.processExtendedOperation(
                        new StartTLSExtendedRequest(new SSLUtil(verifier).createSSLContext()));
                if (r.getResultCode() != ResultCode.SUCCESS) {
                    throw new ConnectionException(Kind.UNREACHABLE, where + " refused StartTLS ("
                            + r.getDiagnosticMessage() + "); use source.ldap.security=kerberos or ldaps");
                }
            }
            c.bind(bindRequest(profile, password, address));
            if (watchdog.disarm()) {
                throw new LDAPException(ResultCode.TIMEOUT, "no answer within " + 3L * timeoutMillis / 1000
                        + " s while connecting (TLS handshake or bind stalled)");
            }
            return new LdapDirectory(c, verifier == null ? null : verifier.newlyPinned(), where);
        } catch (LDAPException e) {
            close(c);
            boolean fired = watchdog != null && watchdog.disarm();
            throw translate(e, profile, where, verifier, fired ? 3L * timeoutMillis : 0);
        } catch (GeneralSecurityException | IOException e) {
            close(c);
            if (watchdog != null) {
                watchdog.disarm();
            }
            throw new ConnectionException(Kind.CERTIFICATE, "Cannot set up TLS for " + where + ": " + e.getMessage(),
                    e);
        } catch (ConnectionException | RuntimeException e) {
            close(c);
            if (watchdog != null) {
                watchdog.disarm();
            }
            throw e;
        }
    }

    private static BindRequest bindRequest(ConnectionProfile profile, char[] password, InetAddress kdc)
            throws LDAPException, IOException {
        if (profile.ldapSecurity() != LdapSecurity.KERBEROS) {
            return new SimpleBindRequest(profile.adminAccount() + "@" + profile.domain(), new String(password));
        }
        String realm = Kerberos.realm(profile);
        GSSAPIBindRequestProperties p = new GSSAPIBindRequestProperties(profile.adminAccount() + "@" + realm,
                new String(password));
        p.setRefreshKrb5Config(Kerberos.configure(realm, kdc.getHostAddress()));
        p.setUseTicketCache(false);
        p.setRequireCachedCredentials(false);
        p.setUseSubjectCredentialsOnly(true);
        p.setRenewTGT(false);
        // the service ticket is for ldap/<source.host>, whatever address the connection uses
        p.setSASLClientServerName(profile.sourceHost().toLowerCase(java.util.Locale.ROOT));
        p.setServicePrincipalProtocol("ldap");
        // integrity and confidentiality: every request and answer is signed and sealed
        p.setAllowedQoP(SASLQualityOfProtection.AUTH_CONF);
        return new GSSAPIBindRequest(p);
    }

    private static void close(LDAPConnection c) {
        if (c != null) {
            c.close();
        }
    }

    private static ConnectionException translate(LDAPException e, ConnectionProfile profile, String where,
            CertificatePins.Verifier verifier, long stalledMillis) {
        if (verifier != null && verifier.problem() != null) {
            return new ConnectionException(Kind.CERTIFICATE, "Refused the source server's certificate: "
                    + verifier.problem() + ".", e);
        }
        if (stalledMillis > 0) {
            return new ConnectionException(Kind.UNREACHABLE, "The source server at " + where + " accepted the"
                    + " connection but did not answer within " + stalledMillis / 1000 + " s ("
                    + (profile.ldapSecurity() == LdapSecurity.LDAPS ? "TLS handshake or bind" : "bind")
                    + " stalled). Check that the server is not hung or overloaded.", e);
        }
        ResultCode rc = e.getResultCode();
        String why = e.getMessage() == null ? "" : e.getMessage();
        if (rc == ResultCode.INVALID_CREDENTIALS || why.contains("Pre-authentication information was invalid")
                || why.contains("Client not found") || why.contains("(24)") || why.contains("(6)")) {
            return new ConnectionException(Kind.BAD_CREDENTIALS, "The source server " + profile.sourceHost()
                    + " refused the password of " + profile.adminAccount() + "@" + profile.domain()
                    + " (invalid credentials). Check source.admin and the password.", e);
        }
        if (rc == ResultCode.STRONG_AUTH_REQUIRED || rc == ResultCode.CONFIDENTIALITY_REQUIRED) {
            return new ConnectionException(Kind.BAD_CREDENTIALS, "The source server " + profile.sourceHost()
                    + " requires an encrypted connection for binding; set source.ldap.security to kerberos, ldaps or"
                    + " starttls.", e);
        }
        if (profile.ldapSecurity() == LdapSecurity.KERBEROS && rc != ResultCode.CONNECT_ERROR
                && rc != ResultCode.SERVER_DOWN && rc != ResultCode.TIMEOUT) {
            return new ConnectionException(Kind.BAD_CREDENTIALS, "The Kerberos bind to " + where + " failed ("
                    + rc.getName() + ": " + why + "). Check source.admin, the password, source.domain (the realm is"
                    + " " + Kerberos.realm(profile) + ") and that the clocks are within 5 minutes.", e);
        }
        if (why.contains("UnknownHost")) {
            why = "the name does not resolve";
        }
        return new ConnectionException(Kind.UNREACHABLE, "Cannot reach the source server at " + where + " ("
                + rc.getName() + ": " + why + "). Check source.host, the network and that the server is up.", e);
    }

    /** "fingerprint (subject)" when this connection pinned the certificate, else null. */
    public String newlyPinned() {
        return pinnedNote;
    }

    /** host:port (address) of this connection. */
    public String endpoint() {
        return endpoint;
    }

    /** True once the connection was closed or lost. */
    public boolean isConnected() {
        return connection.isConnected();
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
        return search(base, scope, filter, 0, attributes);
    }

    /** A search with its own response timeout (0: the connection's). */
    List<Entry> search(String base, Scope scope, String filter, long timeoutMillis, String... attributes)
            throws LDAPException {
        SearchScope s = switch (scope) {
            case BASE -> SearchScope.BASE;
            case ONE -> SearchScope.ONE;
            case SUBTREE -> SearchScope.SUB;
        };
        try {
            SearchRequest request = new SearchRequest(base, s, filter, attributes);
            if (timeoutMillis > 0) {
                request.setResponseTimeoutMillis(timeoutMillis);
            }
            SearchResult r = connection.search(request);
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

    static Entry entry(com.unboundid.ldap.sdk.Entry e) {
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

            @Override
            public List<byte[]> binaryValues(String attribute) {
                byte[][] v = e.getAttributeValueByteArrays(attribute);
                return v == null ? List.of() : Arrays.asList(v);
            }
        };
    }

    @Override
    public void close() {
        connection.close();
    }

    /**
     * A socket factory that remembers its sockets, gives each a read timeout (which the TLS
     * handshake honours) and, when armed, closes them all at a deadline so that nothing in the
     * connect can block longer.
     */
    static final class Watchdog extends SocketFactory {
        private final SocketFactory delegate;
        private final int soTimeout;
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;

        Watchdog(SocketFactory delegate, int soTimeout) {
            this.delegate = delegate;
            this.soTimeout = soTimeout;
        }

        void arm(long millis) {
            task = WATCHDOG.schedule(() -> {
                fired.set(true);
                for (Socket s : sockets) {
                    try {
                        s.close();
                    } catch (IOException e) {
                        // closing is all we can do
                    }
                }
            }, millis, TimeUnit.MILLISECONDS);
        }

        /** Stops the watchdog; true when it had already fired. */
        boolean disarm() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
            sockets.clear();
            return fired.get();
        }

        private Socket track(Socket s) throws IOException {
            s.setSoTimeout(soTimeout);
            sockets.add(s);
            if (fired.get()) {
                s.close();
            }
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return track(delegate.createSocket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return track(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return track(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return track(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return track(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
