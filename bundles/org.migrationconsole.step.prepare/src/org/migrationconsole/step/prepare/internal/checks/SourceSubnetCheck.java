package org.migrationconsole.step.prepare.internal.checks;

import java.util.ArrayList;
import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Source and destination share one /24 network, and the router recorded in step 1 (input
 * {@code router-address}, if given) sits in it at .1 or .254.
 */
@Component(service = MigrationCheck.class)
public class SourceSubnetCheck extends PrepareCheck {

    static final String ROUTER_INPUT = "router-address";

    /**
     * To read the step's recorded router address when the check runs. Looked up then rather than
     * referenced: the state service's task gate references the checks, and a reference back would
     * make a cycle.
     */
    private volatile BundleContext bundleContext;

    public SourceSubnetCheck() {
        super("source.subnet", "Source, destination and router share one /24 network", Severity.WARNING,
                "prepare.network");
    }

    @Activate
    void activate(BundleContext context) {
        this.bundleContext = context;
    }

    @Override
    public CheckResult run(CheckContext ctx) throws Exception {
        List<String> evidence = new ArrayList<>();
        String dest = ctx.profile().destinationAddressIfKnown().orElse(null);
        if (dest == null) {
            return CheckResult.skipped("Skipped: the profile gives no destination address (destination.address),"
                    + " so there is nothing to compare the source's network with yet.", List.of());
        }
        String src = ctx.profile().sourceAddressIfKnown().orElse(null);
        if (src != null) {
            evidence.add("source address (profile source.address): " + src);
        } else {
            List<String> a = ctx.dns().addresses(ctx.profile().sourceHost());
            if (a.isEmpty()) {
                return CheckResult.error("The source address is neither in the profile nor in DNS.",
                        "Give source.address in the profile.");
            }
            src = a.get(0);
            evidence.add("source address (DNS A record of " + ctx.profile().sourceHost() + "): " + src);
        }
        evidence.add("destination address (profile destination.address): " + dest);
        String net = network(src);
        boolean sameNet = net.equals(network(dest));
        String router = routerAddress();
        if (router == null) {
            evidence.add("router: no router-address recorded in step 1, router rule not checked");
        } else {
            evidence.add("router (step 1 input router-address): " + router);
        }
        List<String> problems = new ArrayList<>();
        if (!sameNet) {
            problems.add("the destination " + dest + " is not in the source's network " + net + ".0/24");
        }
        if (router != null && !network(router).equals(net)) {
            problems.add("the router " + router + " is not in the source's network " + net + ".0/24");
        }
        if (router != null && !(router.endsWith(".1") || router.endsWith(".254"))) {
            problems.add("the router " + router + " is neither .1 nor .254");
        }
        if (problems.isEmpty()) {
            return CheckResult.pass("Source " + src + " and destination " + dest + " are both in " + net + ".0/24"
                    + (router == null ? "; the router rule (.1 or .254) was not checked because step 1 records no"
                            + " router address" : " with the router at " + router) + ".", evidence);
        }
        return CheckResult.fail("The network layout does not fit the migration: " + String.join("; ", problems)
                + ".", evidence, "Put source, destination and router on one /24 LAN: the router's LAN address must"
                        + " be 192.168.x.1 or 192.168.x.254 and both servers need addresses in the same 192.168.x.0/24"
                        + " network; correct destination.address in the profile if it is only a typo.");
    }

    private String routerAddress() {
        BundleContext bc = bundleContext;
        ServiceReference<MigrationStateService> ref = bc == null ? null
                : bc.getServiceReference(MigrationStateService.class);
        if (ref == null) {
            return null;
        }
        MigrationStateService state = bc.getService(ref);
        try {
            if (state != null) {
                for (StepStatus step : state.steps()) {
                    if (step.id().equals("prepare")) {
                        String v = step.inputs().get(ROUTER_INPUT);
                        return v == null || v.isBlank() ? null : v.strip();
                    }
                }
            }
        } catch (RuntimeException e) {
            // no readable state: the router rule is not checked
        } finally {
            bc.ungetService(ref);
        }
        return null;
    }

    /** The first three octets of an IPv4 address. */
    static String network(String ipv4) {
        return ipv4.substring(0, ipv4.lastIndexOf('.'));
    }
}
