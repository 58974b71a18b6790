package org.migrationconsole.step.join.internal.checks;

import java.util.function.Function;

import org.migrationconsole.api.state.MigrationStateService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The migration-state service looked up when a check runs (not a DS reference: the state service
 * tracks the task gate, which tracks the checks).
 */
final class StateAccess {

    private StateAccess() {
    }

    static <T> T with(BundleContext bc, Function<MigrationStateService, T> f, T otherwise) {
        ServiceReference<MigrationStateService> ref = bc == null ? null
                : bc.getServiceReference(MigrationStateService.class);
        if (ref == null) {
            return otherwise;
        }
        MigrationStateService state = bc.getService(ref);
        try {
            return state == null ? otherwise : f.apply(state);
        } finally {
            bc.ungetService(ref);
        }
    }
}
