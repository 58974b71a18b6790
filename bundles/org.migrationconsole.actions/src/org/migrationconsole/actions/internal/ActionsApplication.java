package org.migrationconsole.actions.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.migrationconsole.actions.ActionService;
import org.migrationconsole.api.state.MigrationStateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless {@code action}/{@code change} commands as an Equinox application
 * ({@code -application org.migrationconsole.actions.app}), until the picocli command line hosts
 * them as a {@code CommandContribution}. Its result is the exit code.
 */
public class ActionsApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] raw = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS,
                new String[0]);
        List<String> args = new ArrayList<>(Arrays.asList(raw));
        args.remove("--headless");
        int w = args.indexOf("--workspace");
        if (w >= 0 && w + 1 < args.size()) {
            if (System.getProperty("migrationconsole.workspace") == null) {
                System.setProperty("migrationconsole.workspace", args.get(w + 1));
            }
            args.subList(w, w + 2).clear();
        }
        BundleContext bc = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<MigrationStateService, MigrationStateService> st = new ServiceTracker<>(bc,
                MigrationStateService.class, null);
        ServiceTracker<ActionService, ActionService> at = new ServiceTracker<>(bc, ActionService.class, null);
        st.open();
        at.open();
        try {
            MigrationStateService state = st.waitForService(10_000);
            ActionService engine = at.waitForService(10_000);
            if (state == null || engine == null) {
                System.err.println("error: the migration-state service or the action engine did not start");
                return ActionCommands.USAGE;
            }
            if (state.workspace().fatalError() != null) {
                System.err.println("error: " + state.workspace().fatalError());
                return ActionCommands.USAGE;
            }
            int code = new ActionCommands(engine, state, System.in, System.out, System.err).run(args);
            System.out.flush();
            return code;
        } finally {
            at.close();
            st.close();
        }
    }

    @Override
    public void stop() {
        // commands run to their end; a kill leaves the journal to say where they stopped
    }
}
