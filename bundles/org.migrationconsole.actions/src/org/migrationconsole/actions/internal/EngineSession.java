package org.migrationconsole.actions.internal;

import java.time.Duration;
import java.util.Arrays;

import org.migrationconsole.actions.ActionService;
import org.migrationconsole.api.action.WritableFileShares;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.NameLookup;
import org.migrationconsole.connect.internal.DnsNameLookup;

/** The connections of one engine session: LDAP at once, SMB and DNS on first use. */
final class EngineSession implements ActionService.Session {

    static final int TIMEOUT_MS = 10_000;

    final ConnectionProfile profile;
    final char[] password;
    final LdapSession ldap;
    private SmbSession source;
    private SmbSession destination;
    private NameLookup dns;
    private boolean readOnly;

    EngineSession(ConnectionProfile profile, char[] password, LdapSession ldap) {
        this.profile = profile;
        this.password = password.clone();
        this.ldap = ldap;
    }

    @Override
    public ConnectionProfile profile() {
        return profile;
    }

    void setReadOnly(boolean ro) {
        readOnly = ro;
        ldap.setReadOnly(ro);
        if (source != null) {
            source.setReadOnly(ro);
        }
        if (destination != null) {
            destination.setReadOnly(ro);
        }
    }

    synchronized SmbSession source() {
        if (source == null) {
            source = new SmbSession(profile.sourceHost(), profile, password, TIMEOUT_MS);
            source.setReadOnly(readOnly);
        }
        return source;
    }

    synchronized SmbSession destination() {
        if (profile.destinationHost() == null) {
            throw new IllegalStateException("the profile names no destination server (destination.host)");
        }
        if (destination == null) {
            destination = new SmbSession(profile.destinationHost(), profile, password, TIMEOUT_MS);
            destination.setReadOnly(readOnly);
        }
        return destination;
    }

    WritableFileShares shares(String server) {
        return switch (server) {
            case "source" -> source();
            case "destination" -> destination();
            default -> throw new IllegalArgumentException("server must be source or destination, not " + server);
        };
    }

    synchronized NameLookup dns() {
        if (dns == null) {
            try {
                String server = profile.sourceAddressIfKnown().orElse(java.net.InetAddress.getByName(profile
                        .sourceHost()).getHostAddress());
                dns = new DnsNameLookup(server, Duration.ofSeconds(3));
            } catch (Exception e) {
                throw new IllegalStateException("cannot set up DNS queries to the source: " + e.getMessage(), e);
            }
        }
        return dns;
    }

    @Override
    public void close() {
        ldap.close();
        Arrays.fill(password, '\0');
    }
}
