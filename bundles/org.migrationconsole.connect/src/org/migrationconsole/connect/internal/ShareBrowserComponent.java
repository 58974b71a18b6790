package org.migrationconsole.connect.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionException.Kind;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.shares.ShareBrowser;
import org.migrationconsole.connect.shares.ShareSession;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Opens read-only share sessions on the source (at the address a check run would choose) or the
 * destination, with the check runner's SMB access ({@link SmbFileShares}).
 */
@Component(service = ShareBrowser.class)
public class ShareBrowserComponent implements ShareBrowser {

    static final int CONNECT_TIMEOUT_MS = 5_000;
    /** A directory listing of a large folder over SMB1 takes longer than a check's calls. */
    static final int CALL_TIMEOUT_MS = 20_000;

    @Reference
    private MigrationStateService state;

    @Override
    public ShareSession open(ConnectionProfile profile, char[] password, Server server) throws ConnectionException {
        if (password == null || password.length == 0) {
            throw new ConnectionException(Kind.NO_PASSWORD, "No password for " + profile.adminAccount() + "@"
                    + profile.domain() + " was given");
        }
        SourceAddress source = SourceAddress.choose(profile, 445, CONNECT_TIMEOUT_MS);
        String host;
        String address;
        if (server == Server.SOURCE) {
            host = profile.sourceHost();
            address = source.address().getHostAddress();
        } else {
            if (profile.destinationHost() == null && profile.destinationAddressIfKnown().isEmpty()) {
                throw new ConnectionException(Kind.BAD_PROFILE, "the profile names no destination server"
                        + " (destination.host)");
            }
            host = profile.destinationHost() != null ? profile.destinationHost() : profile.destinationAddress();
            try {
                address = InetAddress.getByName(profile.destinationAddressIfKnown().orElse(host)).getHostAddress();
            } catch (UnknownHostException e) {
                throw new ConnectionException(Kind.UNREACHABLE, "Cannot reach the destination server " + host
                        + " (the name does not resolve). Check destination.host and destination.address.", e);
            }
        }
        SmbFileShares smb;
        try {
            smb = new SmbFileShares(profile, address, password, CONNECT_TIMEOUT_MS, CALL_TIMEOUT_MS);
        } catch (Exception e) {
            throw new ConnectionException(Kind.UNREACHABLE, "cannot set up SMB to " + host + ": " + e.getMessage(), e);
        }
        try {
            smb.shareInfos();
        } catch (Exception e) {
            smb.close();
            Throwable c = e;
            while (c != null && !(c instanceof jcifs.smb.SmbAuthException)) {
                c = c.getCause();
            }
            if (c != null) {
                throw new ConnectionException(Kind.BAD_CREDENTIALS, "\\\\" + host + " refused the credentials of "
                        + profile.netbiosDomain() + "\\" + profile.adminAccount() + " (source.admin): "
                        + c.getMessage(), e);
            }
            throw new ConnectionException(Kind.UNREACHABLE, "Cannot list the shares of \\\\" + host + " (" + address
                    + "): " + e.getMessage(), e);
        }
        return new SmbShareSession(host, smb, profile, password,
                new CertificatePins(state.workspace().directory()), source.address());
    }
}
