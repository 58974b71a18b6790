package org.migrationconsole.api.check;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the source and destination servers are and how to reach them. Never holds a password:
 * passwords live in secure storage or come from a password file.
 *
 * @param name a label for the profile
 * @param sourceHost the source DC's DNS name (e.g. sbs2003.contoso.local)
 * @param sourceAddress its IPv4 address, if known (otherwise resolved)
 * @param domain the AD DNS domain (e.g. contoso.local)
 * @param netbiosDomain the NetBIOS domain name (e.g. CONTOSO)
 * @param adminAccount the administrator's account name (sAMAccountName)
 * @param ldapSecurity how LDAP is protected
 * @param destinationHost the destination's DNS name, if known
 * @param destinationAddress the destination's IPv4 address, if known
 * @param target the Essentials version the migration goes to
 * @param caFile a CA certificate file (PEM) to trust for LDAPS, if any
 */
public record ConnectionProfile(String name, String sourceHost, String sourceAddress, String domain,
        String netbiosDomain, String adminAccount, LdapSecurity ldapSecurity, String destinationHost,
        String destinationAddress, TargetVersion target, Path caFile) {

    /** How the LDAP connection is protected. */
    public enum LdapSecurity {
        /** TLS from the start, port 636 (the default when a CA certificate is given). */
        LDAPS("ldaps"),
        /** Plain port 389 upgraded with StartTLS. */
        STARTTLS("starttls"),
        /** No encryption: simple bind in clear text; only by explicit choice. */
        PLAIN("plain"),
        /**
         * Port 389 with a Kerberos (GSSAPI) bind that signs and seals the connection (SASL QoP
         * auth-conf): the default when no certificate is usable, as on a stock SBS 2003.
         *
         * @since 1.2
         */
        KERBEROS("kerberos");

        private final String id;

        LdapSecurity(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static LdapSecurity byId(String id) {
            for (LdapSecurity s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("must be kerberos, ldaps, starttls or plain");
        }
    }

    public Optional<String> sourceAddressIfKnown() {
        return Optional.ofNullable(sourceAddress);
    }

    public Optional<String> destinationAddressIfKnown() {
        return Optional.ofNullable(destinationAddress);
    }

    public Optional<Path> ca() {
        return Optional.ofNullable(caFile);
    }
}
