package org.migrationconsole.logging.internal;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J 2 provider of the console: every logger writes to one rotating file
 * ({@link org.migrationconsole.logging.LogFile}). Found by slf4j-api's ServiceLoader because this
 * fragment is attached to slf4j.api; the file is opened at the first message, not at start-up.
 */
public final class RollingFileProvider implements SLF4JServiceProvider {

    private ILoggerFactory factory;
    private IMarkerFactory markers;
    private MDCAdapter mdc;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        RollingFile file = new RollingFile();
        factory = new FileLoggerFactory(file);
        markers = new BasicMarkerFactory();
        mdc = new NOPMDCAdapter();
    }
}
