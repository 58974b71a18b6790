package org.migrationconsole.step.bpa.internal.rules;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * What the rules of one analyzer run read: the destination's directory, DNS and shares (the run is
 * connected to the destination itself), the old server's name, and what several rules need once
 * (the domain controllers the configuration partition knows).
 */
public final class Target {

    /** A domain controller: its server object under CN=Sites and its NTDS Settings. */
    public record Dc(String serverDn, String host, String ntdsDn, String ntdsOptions, String computerDn) {
    }

    private final CheckContext c;
    private final String destination;
    private final String destinationAddress;
    private final String oldServer;
    private volatile List<Dc> dcs;
    private volatile List<Entry> servers;
    private volatile SimpleResolver resolver;

    /**
     * @param destination the destination's DNS name (the server this run is connected to)
     * @param oldServer the source server's DNS name (the old server), or null when unknown
     */
    public Target(CheckContext c, String destination, String destinationAddress, String oldServer) {
        this.c = c;
        this.destination = destination;
        this.destinationAddress = destinationAddress;
        this.oldServer = oldServer;
    }

    public CheckContext context() {
        return c;
    }

    public Directory dir() {
        return c.directory();
    }

    public String destination() {
        return destination;
    }

    /** The destination's address from the profile, or null. */
    public String destinationAddress() {
        return destinationAddress;
    }

    /** The old (source) server's DNS name, or null. */
    public String oldServer() {
        return oldServer;
    }

    public Instant now() {
        return c.now();
    }

    public String domainNc() throws Exception {
        return dir().defaultNamingContext();
    }

    public String configNc() throws Exception {
        return dir().configurationNamingContext();
    }

    public String rootDomainNc() throws Exception {
        String r = dir().rootDse().first("rootDomainNamingContext");
        return r == null ? domainNc() : r;
    }

    /** The AD DNS domain. */
    public String domain() {
        return c.profile().domain().toLowerCase(Locale.ROOT);
    }

    /** The forest root's DNS name (from rootDomainNamingContext). */
    public String forest() throws Exception {
        return dnsNameOf(rootDomainNc());
    }

    static String dnsNameOf(String dn) {
        List<String> parts = new ArrayList<>();
        for (String rdn : dn.split(",")) {
            String r = rdn.trim();
            if (r.regionMatches(true, 0, "DC=", 0, 3)) {
                parts.add(r.substring(3));
            }
        }
        return String.join(".", parts).toLowerCase(Locale.ROOT);
    }

    /** Every server object under CN=Sites (with dNSHostName, serverReference). */
    public List<Entry> serverObjects() throws Exception {
        List<Entry> s = servers;
        if (s == null) {
            s = dir().search("CN=Sites," + configNc(), Scope.SUBTREE, "(objectClass=server)", "dNSHostName", "cn",
                    "serverReference");
            servers = s;
        }
        return s;
    }

    /** The domain controllers: server objects that have NTDS Settings. */
    public List<Dc> dcs() throws Exception {
        List<Dc> d = dcs;
        if (d == null) {
            List<Dc> out = new ArrayList<>();
            for (Entry server : serverObjects()) {
                List<Entry> ntds = dir().search("CN=NTDS Settings," + server.dn(), Scope.BASE, "(objectClass=*)",
                        "options");
                if (!ntds.isEmpty()) {
                    String host = server.first("dNSHostName");
                    out.add(new Dc(server.dn(), host == null ? server.first("cn") : host, ntds.get(0).dn(),
                            ntds.get(0).first("options"), server.first("serverReference")));
                }
            }
            d = List.copyOf(out);
            dcs = d;
        }
        return d;
    }

    /** The destination as a domain controller, or null when it is not one. */
    public Dc destinationDc() throws Exception {
        for (Dc d : dcs()) {
            if (sameHost(d.host(), destination)) {
                return d;
            }
        }
        return null;
    }

    /** Whether a host name (full or short, any case, trailing dot allowed) is a current DC. */
    public boolean isDc(String host) throws Exception {
        for (Dc d : dcs()) {
            if (sameHost(d.host(), host)) {
                return true;
            }
        }
        return false;
    }

    /** True while the old server is still a domain controller (its references are then legitimate). */
    public boolean oldServerIsDc() throws Exception {
        return oldServer != null && isDc(oldServer);
    }

    public static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = strip(a);
        String y = strip(b);
        return x.equals(y) || x.startsWith(y + ".") || y.startsWith(x + ".");
    }

    private static String strip(String h) {
        String s = h.toLowerCase(Locale.ROOT);
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A's of a name, at the destination's DNS server. */
    public List<String> addresses(String name) throws Exception {
        return c.dns().addresses(name);
    }

    /** SRV records "priority weight port target" of a name, at the destination's DNS server. */
    public List<String> services(String name) throws Exception {
        return c.dns().services(name);
    }

    /** The DNS server asked (the destination's address). */
    public String dnsServer() {
        return c.dns().server();
    }

    /** NS record targets of a zone name, without the trailing dot. */
    public List<String> nameServers(String zone) throws Exception {
        List<String> out = new ArrayList<>();
        for (Record r : query(zone, Type.NS)) {
            if (r instanceof NSRecord ns) {
                out.add(strip(ns.getTarget().toString()));
            }
        }
        return out;
    }

    /** The CNAME target of a name (without the trailing dot), or null. */
    public String alias(String name) throws Exception {
        for (Record r : query(name, Type.CNAME)) {
            if (r instanceof CNAMERecord cn) {
                return strip(cn.getTarget().toString());
            }
        }
        return null;
    }

    private List<Record> query(String name, int type) throws Exception {
        SimpleResolver r = resolver;
        if (r == null) {
            r = new SimpleResolver(InetAddress.getByName(dnsServer()));
            r.setTimeout(Duration.ofSeconds(3));
            resolver = r;
        }
        String abs = name.endsWith(".") ? name : name + ".";
        Message response = r.send(Message.newQuery(Record.newRecord(Name.fromString(abs), type, DClass.IN)));
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            return List.of();
        }
        if (rcode != Rcode.NOERROR) {
            throw new IllegalStateException("DNS query for " + abs + " (" + Type.string(type) + ") at "
                    + dnsServer() + " failed: " + Rcode.string(rcode));
        }
        return response.getSection(Section.ANSWER).stream().filter(x -> x.getType() == type).toList();
    }

    /** One entry by DN, or null. */
    public Entry entry(String dn, String... attributes) throws Exception {
        List<Entry> e = dir().search(dn, Scope.BASE, "(objectClass=*)", attributes);
        return e.isEmpty() ? null : e.get(0);
    }

    /** The value of a string as a long, or a default. */
    public static long number(String v, long otherwise) {
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** An AD FILETIME (100 ns since 1601), or null for 0/never/absent. */
    public static Instant fileTime(String v) {
        long ft = number(v, 0);
        if (ft <= 0 || ft == Long.MAX_VALUE) {
            return null;
        }
        return Instant.ofEpochSecond(ft / 10_000_000L - 11_644_473_600L, (ft % 10_000_000L) * 100);
    }
}
