package org.migrationconsole.connect.shares;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.osgi.annotation.versioning.ProviderType;

/** Opens read-only SMB sessions to the migration's servers (a DS service of connect). */
@ProviderType
public interface ShareBrowser {

    /** Which server of the profile. */
    enum Server {
        /** {@code source.host} at the address a check run would use. */
        SOURCE,
        /** {@code destination.host} (or {@code destination.address}). */
        DESTINATION
    }

    /**
     * Connects and signs in as the profile's administrator (the share list is read once to prove it).
     *
     * @throws ConnectionException naming the field or server: no destination in the profile, an
     *             unreachable server, refused credentials
     */
    ShareSession open(ConnectionProfile profile, char[] password, Server server) throws ConnectionException;
}
