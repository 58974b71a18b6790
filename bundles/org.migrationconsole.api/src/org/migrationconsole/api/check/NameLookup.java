package org.migrationconsole.api.check;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** DNS queries against the source domain controller. */
@ProviderType
public interface NameLookup {

    /** IPv4 addresses of a name (A records), empty when there are none. */
    List<String> addresses(String name) throws Exception;

    /** SRV records as "priority weight port target", empty when there are none. */
    List<String> services(String name) throws Exception;

    /** The server asked. */
    String server();
}
