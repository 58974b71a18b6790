package org.migrationconsole.step.post.internal.actions;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.migrationconsole.actions.ad.DnsRecords;
import org.migrationconsole.actions.ad.GpoPlans;
import org.migrationconsole.api.action.ActionContext;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.ManualItem;
import org.migrationconsole.api.action.MigrationAction;
import org.migrationconsole.api.action.WritableDirectory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.field.Field;
import org.osgi.service.component.annotations.Component;

/**
 * Catalog 7.1: removes the source server's DNS records from every AD-integrated zone (the domain's,
 * _msdcs, reverse zones; DomainDnsZones, ForestDnsZones and the legacy System container) through
 * LDAP dnsRecord values: A records with its address (unless the destination has that address),
 * NS, CNAME, PTR and SRV records naming it; a dnsNode is deleted only when every record in it is
 * the source's. Only once the source is no longer a domain controller. Forwarders are not in the
 * directory: they are a manual item.
 */
@Component(service = MigrationAction.class)
public class RemoveSourceDnsAction implements MigrationAction {

    static final String SERVER = "server";
    static final String ADDRESS = "address";

    @Override
    public String id() {
        return "post.remove-source-dns";
    }

    @Override
    public String stepId() {
        return "post";
    }

    @Override
    public String title() {
        return "Remove the source server's DNS records";
    }

    @Override
    public Optional<String> taskId() {
        return Optional.of("post.dns-cleanup");
    }

    @Override
    public List<Field> options() {
        return List.of(Field.builder(SERVER).label("Server whose records go").help("Its DNS name; the profile's"
                + " source server when empty.").build(), Field.builder(ADDRESS).label("Its IPv4 address").help(
                        "A records with this address go; the profile's source address when empty.").build());
    }

    @Override
    public ActionPlan plan(ActionContext ctx) throws Exception {
        WritableDirectory dir = ctx.directory();
        String host = (ctx.options().has(SERVER) ? ctx.options().get(SERVER) : ctx.profile().sourceHost()).strip()
                .toLowerCase(Locale.ROOT);
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        String address = ctx.options().has(ADDRESS) ? ctx.options().get(ADDRESS).strip() : ctx.profile()
                .sourceAddress();
        String config = dir.configurationNamingContext();
        for (Entry server : dir.search("CN=Sites," + config, Scope.SUBTREE, "(objectClass=server)", "dNSHostName")) {
            String name = server.first("dNSHostName");
            if (name != null && name.equalsIgnoreCase(host) && !dir.search("CN=NTDS Settings," + server.dn(),
                    Scope.BASE, "(objectClass=*)", "cn").isEmpty()) {
                throw new IllegalStateException(host + " is still a domain controller (" + server.dn() + " has NTDS"
                        + " Settings): demote it first (step 6), then remove its DNS records");
            }
        }
        if (address != null && address.equals(ctx.profile().destinationAddress())) {
            address = null; // the destination took over the address: its A records stay
        }
        String domain = dir.defaultNamingContext();
        List<String> containers = List.of("CN=MicrosoftDNS,DC=DomainDnsZones," + domain,
                "CN=MicrosoftDNS,DC=ForestDnsZones," + domain, "CN=MicrosoftDNS,CN=System," + domain);
        Supplier<String> ids = GpoPlans.counter();
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> zonesSeen = new TreeSet<>();
        for (String container : containers) {
            for (Entry zone : dir.search(container, Scope.ONE, "(objectClass=dnsZone)", "dc")) {
                String zoneName = zone.first("dc");
                if (zoneName == null || zoneName.equals("RootDNSServers") || zoneName.startsWith("..")) {
                    continue;
                }
                zonesSeen.add(zoneName);
                for (Entry node : dir.search(zone.dn(), Scope.ONE, "(objectClass=dnsNode)", "dc", "dnsRecord",
                        "uSNChanged")) {
                    List<String> values = node.values("dnsRecord");
                    List<String> owned = new ArrayList<>();
                    List<DnsRecords.Record> ownedRecords = new ArrayList<>();
                    for (String v : values) {
                        DnsRecords.Record r;
                        try {
                            r = DnsRecords.decode(Base64.getDecoder().decode(v));
                        } catch (RuntimeException e) {
                            continue;
                        }
                        boolean mine = switch (r.type()) {
                            case DnsRecords.A -> address != null && r.target().equals(address);
                            case DnsRecords.NS, DnsRecords.CNAME, DnsRecords.PTR, DnsRecords.SRV -> r.target()
                                    .equals(host);
                            default -> false;
                        };
                        if (r.type() == DnsRecords.SOA && r.target().equals(host)) {
                            notes.add("zone " + zoneName + ": its SOA names " + host + " as primary server; DNS"
                                    + " Manager updates it when the zone's name servers change");
                        }
                        if (mine) {
                            owned.add(v);
                            ownedRecords.add(r);
                        }
                    }
                    if (owned.isEmpty()) {
                        continue;
                    }
                    String name = node.first("dc");
                    if (owned.size() == values.size()) {
                        DirectoryChange via = new DirectoryChange("", DirectoryChange.Operation.DELETE, node.dn(),
                                List.of(new AttributeChange("dnsRecord", AttributeChange.Operation.REPLACE, values,
                                        List.of(), true)), node.first("uSNChanged"), "every record is " + host + "'s");
                        changes.add(new DnsRecordChange(ids.get(), DnsRecordChange.Operation.DELETE, zoneName, name,
                                String.join("+", ownedRecords.stream().map(DnsRecords.Record::typeName).toList()),
                                String.join(", ", ownedRecords.stream().map(DnsRecords.Record::data).toList()), via));
                    } else {
                        for (int i = 0; i < owned.size(); i++) {
                            DirectoryChange via = new DirectoryChange("", DirectoryChange.Operation.MODIFY, node.dn(),
                                    List.of(new AttributeChange("dnsRecord", AttributeChange.Operation.DELETE_VALUES,
                                            values, List.of(owned.get(i)), true)), node.first("uSNChanged"),
                                    "the node keeps its other records");
                            changes.add(new DnsRecordChange(ids.get(), DnsRecordChange.Operation.DELETE, zoneName,
                                    name, ownedRecords.get(i).typeName(), ownedRecords.get(i).data(), via));
                        }
                    }
                }
            }
        }
        changes.add(new ManualItem(ids.get(), "DNS forwarders are not stored in the directory: on the destination,"
                + " DNS Manager > the server's Properties > Forwarders, remove " + (address == null ? host : address
                        + " (" + host + ")") + " if it is listed"));
        notes.add("zones searched: " + String.join(", ", zonesSeen));
        return new ActionPlan(id(), ctx.now(), ctx.options().asMap(), changes, notes);
    }
}
