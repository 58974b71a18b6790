package org.migrationconsole.step.join.internal.clients;

import java.time.LocalDate;
import java.util.List;

/**
 * One computer account as read from the directory (and DNS). Dates are UTC days:
 * {@code lastLogonTimestamp} replicates only every 9 to 14 days, so nothing finer is meaningful.
 *
 * @param name the account's cn (the computer name)
 * @param dn its distinguished name
 * @param os {@code operatingSystem}, "" when the account has none
 * @param servicePack {@code operatingSystemServicePack}, "" when none
 * @param enabled {@code userAccountControl} without ACCOUNTDISABLE
 * @param domainController a domain controller's account (SERVER_TRUST_ACCOUNT or primary group 516)
 * @param lastLogon the day of {@code lastLogonTimestamp}, null when never recorded
 * @param passwordSet the day of {@code pwdLastSet}, null when never set
 * @param created the day of {@code whenCreated}, null when unknown
 * @param dnsName the name looked up in DNS ({@code dNSHostName}, else NAME.domain)
 * @param addresses the A records found for it; empty when there are none
 * @param dnsKnown false when the DNS lookup failed (then {@code addresses} says nothing)
 */
public record Computer(String name, String dn, String os, String servicePack, boolean enabled,
        boolean domainController, LocalDate lastLogon, LocalDate passwordSet, LocalDate created, String dnsName,
        List<String> addresses, boolean dnsKnown) {

    public Computer {
        addresses = List.copyOf(addresses);
        os = os == null ? "" : os;
        servicePack = servicePack == null ? "" : servicePack;
    }

    /** Whether DNS holds an A record for the computer. */
    public boolean hasDnsRecord() {
        return dnsKnown && !addresses.isEmpty();
    }
}
