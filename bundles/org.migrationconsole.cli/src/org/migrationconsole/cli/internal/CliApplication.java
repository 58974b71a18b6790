package org.migrationconsole.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.cli.plugins.Plugins;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Equinox application behind {@code ./migration-console --headless}. Its result is the
 * process's exit code.
 */
public class CliApplication implements IApplication {

    private static final String WORKSPACE_PROPERTY = "migrationconsole.workspace";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] raw = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        List<String> args = new ArrayList<>(Arrays.asList(raw));
        args.remove("--headless");
        int w = args.indexOf("--workspace");
        if (w >= 0) {
            if (w + 1 >= args.size()) {
                System.err.println("error: --workspace needs a directory");
                return Cli.USAGE;
            }
            String dir = args.get(w + 1);
            String already = System.getProperty(WORKSPACE_PROPERTY);
            if (already == null) {
                System.setProperty(WORKSPACE_PROPERTY, dir);
            }
            args.subList(w, w + 2).clear();
        }
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<MigrationStateService, MigrationStateService> tracker = new ServiceTracker<>(bc,
                MigrationStateService.class, null);
        tracker.open();
        try {
            MigrationStateService state = tracker.waitForService(10_000);
            if (state == null) {
                System.err.println("error: the migration-state service did not start (is org.migrationconsole.core"
                        + " installed?)");
                return Cli.USAGE;
            }
            ServiceTracker<CheckService, CheckService> checks = new ServiceTracker<>(bc, CheckService.class, null);
            checks.open();
            int code;
            try {
                code = new Cli(state, checks.waitForService(args.contains("check") ? 5_000 : 1), System.in,
                        System.out, System.err).withPlugins(Plugins.running(id -> {
                            for (org.osgi.framework.Bundle b : bc.getBundles()) {
                                if (id.equals(b.getSymbolicName())) {
                                    return b.getVersion().toString();
                                }
                            }
                            return null;
                        }).orElse(null)).run(args);
            } finally {
                checks.close();
            }
            System.out.flush();
            return code;
        } finally {
            tracker.close();
        }
    }

    @Override
    public void stop() {
        // commands are short; nothing to interrupt
    }
}
