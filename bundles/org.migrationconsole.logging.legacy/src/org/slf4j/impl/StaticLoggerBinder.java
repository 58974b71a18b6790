package org.slf4j.impl;

import org.slf4j.ILoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;
import org.slf4j.spi.LoggerFactoryBinder;

/**
 * The SLF4J 1.7 binding of the console's runtime: jcifs-ng logs through slf4j-api 1.7, and its
 * messages are discarded (as with slf4j-nop). Unlike slf4j-nop, this bundle imports slf4j 1.7
 * only ([1.7,2)), so it can never be wired to the SLF4J 2 API the console itself logs through.
 */
public final class StaticLoggerBinder implements LoggerFactoryBinder {

    /** The API version this binding is compiled for. */
    public static String REQUESTED_API_VERSION = "1.6.99";

    private static final StaticLoggerBinder SINGLETON = new StaticLoggerBinder();

    private final ILoggerFactory factory = new NOPLoggerFactory();

    public static StaticLoggerBinder getSingleton() {
        return SINGLETON;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public String getLoggerFactoryClassStr() {
        return NOPLoggerFactory.class.getName();
    }
}
