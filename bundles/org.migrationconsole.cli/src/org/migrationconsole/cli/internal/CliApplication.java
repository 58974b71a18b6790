package org.migrationconsole.cli.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.provisioning.Plugins;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Equinox application behind {@code ./migration-console --headless}. Its result is the
 * process's exit code.
 */
public class CliApplication implements IApplication {

    private static final String WORKSPACE_PROPERTY = "migrationconsole.workspace";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        try {
            return startCli(context);
        } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError e) {
            // never a stack trace on the terminal, never exit 0 (issue 9)
            String where;
            try {
                org.slf4j.LoggerFactory.getLogger(CliApplication.class).error("the command line failed", e);
                where = String.valueOf(org.migrationconsole.logging.LogFile.path());
            } catch (RuntimeException | LinkageError l) {
                where = "(the log cannot be written: " + l.getMessage() + ")";
            }
            System.err.println("error: the command line failed unexpectedly (" + TerminalText.escape(
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())) + ");"
                    + " nothing is reported as done. Details are in the log: " + where);
            return Cli.FAILED;
        }
    }

    private Object startCli(IApplicationContext context) throws Exception {
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
            if (System.getProperty(WORKSPACE_PROPERTY) == null) {
                System.setProperty(WORKSPACE_PROPERTY, dir);
            }
            args.subList(w, w + 2).clear();
        }
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
        try {
            MigrationStateService state = track(bc, MigrationStateService.class, trackers).waitForService(10_000);
            if (state == null) {
                System.err.println("error: the migration-state service did not start (is org.migrationconsole.core"
                        + " installed?)");
                return Cli.USAGE;
            }
            CheckService checks = track(bc, CheckService.class, trackers)
                    .waitForService(args.contains("check") ? 5_000 : 1);
            // the artifact service is started only when a command asks for it
            java.util.function.Supplier<ArtifactService> artifacts = () -> {
                try {
                    return track(bc, ArtifactService.class, trackers).waitForService(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            };
            List<CommandContribution> contributions = new ArrayList<>();
            ServiceReference<CommandContribution>[] refs = track(bc, CommandContribution.class, trackers)
                    .getServiceReferences();
            if (refs != null) {
                Arrays.sort(refs);
                for (ServiceReference<CommandContribution> r : refs) {
                    CommandContribution c = bc.getService(r);
                    if (c != null) {
                        contributions.add(c);
                    }
                }
            }
            Plugins plugins = Plugins.running(id -> {
                for (Bundle b : bc.getBundles()) {
                    if (id.equals(b.getSymbolicName())) {
                        return b.getVersion().toString();
                    }
                }
                return null;
            }).orElse(null);
            int code = new Cli(new Env(state, checks, artifacts, plugins, System.in, System.out, System.err),
                    contributions).run(args);
            System.out.flush();
            return code;
        } finally {
            trackers.forEach(ServiceTracker::close);
        }
    }

    private static <T> ServiceTracker<T, T> track(BundleContext bc, Class<T> type, List<ServiceTracker<?, ?>> all) {
        ServiceTracker<T, T> t = new ServiceTracker<>(bc, type, null);
        t.open();
        all.add(t);
        return t;
    }

    @Override
    public void stop() {
        // commands are short; nothing to interrupt
    }
}
