package org.migrationconsole.connect.internal;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.NameLookup;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** DNS queries sent to one server (the source DC) with dnsjava, without caching. */
public final class DnsNameLookup implements NameLookup {

    private final String server;
    private final SimpleResolver resolver;

    public DnsNameLookup(String serverAddress, Duration timeout) throws Exception {
        this.server = serverAddress;
        this.resolver = new SimpleResolver(InetAddress.getByName(serverAddress));
        this.resolver.setTimeout(timeout);
    }

    private Record[] query(String name, int type) throws TextParseException {
        Lookup l = new Lookup(name, type);
        l.setResolver(resolver);
        l.setCache(null);
        l.setSearchPath((org.xbill.DNS.Name[]) null);
        Record[] rs = l.run();
        switch (l.getResult()) {
            case Lookup.SUCCESSFUL:
                return rs;
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return new Record[0];
            default:
                throw new IllegalStateException("DNS query for " + name + " at " + server + " failed: "
                        + l.getErrorString());
        }
    }

    @Override
    public List<String> addresses(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (Record r : query(absolute(name), Type.A)) {
            if (r instanceof ARecord a) {
                out.add(a.getAddress().getHostAddress());
            }
        }
        return out;
    }

    @Override
    public List<String> services(String name) throws Exception {
        List<String> out = new ArrayList<>();
        for (Record r : query(absolute(name), Type.SRV)) {
            if (r instanceof SRVRecord s) {
                out.add(s.getPriority() + " " + s.getWeight() + " " + s.getPort() + " " + s.getTarget());
            }
        }
        return out;
    }

    private static String absolute(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    @Override
    public String server() {
        return server;
    }
}
