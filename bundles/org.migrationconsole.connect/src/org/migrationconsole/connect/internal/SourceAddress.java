package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionException.Kind;
import org.migrationconsole.api.check.ConnectionProfile;

/**
 * Which address of the source to use for a run. {@code source.address} when the profile gives
 * it; otherwise every address the name resolves to is tried at once (TCP connect to the LDAP
 * port) and the first that answers is used for LDAP, Kerberos, DNS and SMB for the whole run. A
 * dead address therefore costs at most one connect timeout, once per run, and never stops the
 * run while another address answers; the DNS check reports the extra address.
 *
 * @param address the address the run uses
 * @param notes what happened to the other addresses (for the journal)
 */
public record SourceAddress(InetAddress address, List<String> notes) {

    /** Chooses the address; the connect timeout bounds it. */
    public static SourceAddress choose(ConnectionProfile profile, int port, int timeoutMillis)
            throws ConnectionException {
        if (profile.sourceAddressIfKnown().isPresent()) {
            try {
                return new SourceAddress(InetAddress.getByName(profile.sourceAddress()), List.of());
            } catch (UnknownHostException e) {
                throw new ConnectionException(Kind.BAD_PROFILE, "source.address '" + profile.sourceAddress()
                        + "' is not an address", e);
            }
        }
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(profile.sourceHost());
        } catch (UnknownHostException e) {
            throw new ConnectionException(Kind.UNREACHABLE, "Cannot reach the source server at "
                    + profile.sourceHost() + ":" + port + " (the name does not resolve). Check source.host, the"
                    + " network and that the server is up.", e);
        }
        List<InetAddress> candidates = new ArrayList<>(Arrays.asList(all));
        candidates.sort(Comparator.comparing(a -> a instanceof Inet4Address ? 0 : 1));
        if (candidates.size() == 1) {
            return new SourceAddress(candidates.get(0), List.of());
        }
        record Probe(InetAddress address, IOException failure) {
        }
        BlockingQueue<Probe> done = new ArrayBlockingQueue<>(candidates.size());
        List<Thread> threads = new ArrayList<>();
        for (InetAddress a : candidates) {
            threads.add(Thread.ofVirtual().name("probe-" + a.getHostAddress()).start(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(a, port), timeoutMillis);
                    done.add(new Probe(a, null));
                } catch (IOException e) {
                    done.add(new Probe(a, e));
                }
            }));
        }
        List<String> notes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 1000L);
        try {
            for (int i = 0; i < candidates.size(); i++) {
                Probe p = done.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (p == null) {
                    break;
                }
                if (p.failure() == null) {
                    for (InetAddress other : candidates) {
                        if (!other.equals(p.address()) && notes.stream().noneMatch(n -> n.startsWith(
                                other.getHostAddress() + ":"))) {
                            notes.add(other.getHostAddress() + ":" + port + " not used (" + p.address()
                                    .getHostAddress() + " answered first)");
                        }
                    }
                    notes.add(0, profile.sourceHost() + " has " + candidates.size() + " addresses; using "
                            + p.address().getHostAddress() + " for this run");
                    return new SourceAddress(p.address(), List.copyOf(notes));
                }
                notes.add(p.address().getHostAddress() + ":" + port + " did not answer (" + p.failure().getMessage()
                        + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.forEach(Thread::interrupt);
        }
        throw new ConnectionException(Kind.UNREACHABLE, "Cannot reach the source server " + profile.sourceHost()
                + " at any of its addresses: " + String.join("; ", notes) + ". Check source.host, the network and"
                + " that the server is up.");
    }
}
