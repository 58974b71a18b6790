package org.migrationconsole.api.action;

import java.util.Objects;

/**
 * A DNS record added or removed. In an AD-integrated zone the record is a value of a
 * {@code dnsNode}'s {@code dnsRecord}: {@code via} then holds that directory change, which the
 * engine applies (and backs up) like any other.
 *
 * @param id the change's id within its plan
 * @param operation ADD or DELETE
 * @param zone e.g. {@code contoso.local} or {@code _msdcs.contoso.local}
 * @param name the owner name relative to the zone, e.g. {@code sbs2003} or {@code @}
 * @param type e.g. A, NS, SRV, CNAME
 * @param data the record's data in zone-file form, e.g. {@code 10.0.0.2}
 * @param via the directory change that makes it, or null when it is made otherwise
 */
public record DnsRecordChange(String id, Operation operation, String zone, String name, String type, String data,
        DirectoryChange via) implements Change {

    /** What happens to the record. */
    public enum Operation {
        ADD, DELETE
    }

    public DnsRecordChange {
        Objects.requireNonNull(id);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(zone);
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        Objects.requireNonNull(data);
    }

    @Override
    public String describe() {
        return operation.name().toLowerCase(java.util.Locale.ROOT) + " " + name + "." + zone + " " + type + " " + data;
    }
}
