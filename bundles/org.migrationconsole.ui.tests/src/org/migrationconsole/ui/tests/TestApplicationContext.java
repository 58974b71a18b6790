package org.migrationconsole.ui.tests;

import java.util.Map;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** Gives E4Application the console product's branding, as the product launch does. */
final class TestApplicationContext implements IApplicationContext {

    private static final Map<String, String> BRANDING = Map.of(
            "applicationXMI", "org.migrationconsole.ui/Application.e4xmi",
            "lifeCycleURI", "bundleclass://org.migrationconsole.ui/org.migrationconsole.ui.internal.LifeCycle",
            "clearPersistedState", "true",
            "appName", "Migration Console");

    @Override
    public Map<String, Object> getArguments() {
        return Map.of(IApplicationContext.APPLICATION_ARGS, new String[0]);
    }

    @Override
    public void applicationRunning() {
        // no splash screen to take down
    }

    @Override
    public String getBrandingApplication() {
        return "org.eclipse.e4.ui.workbench.swt.E4Application";
    }

    @Override
    public String getBrandingName() {
        return "Migration Console";
    }

    @Override
    public String getBrandingDescription() {
        return "Migration Console under test";
    }

    @Override
    public String getBrandingId() {
        return "org.migrationconsole.ui.product";
    }

    @Override
    public String getBrandingProperty(String key) {
        return BRANDING.get(key);
    }

    @Override
    public Bundle getBrandingBundle() {
        return FrameworkUtil.getBundle(org.migrationconsole.ui.step.StepParts.class);
    }

    @Override
    public void setResult(Object result, IApplication application) {
        // the test reads the outcome from the widgets
    }
}
