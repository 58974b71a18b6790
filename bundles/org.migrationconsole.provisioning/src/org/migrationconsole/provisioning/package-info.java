/**
 * The installation's plug-ins as p2 sees them, and the p2 director run in a separate JVM to
 * install, update or remove a step's feature. Used by the command line and the console; a plain
 * library (no activator, no service), so it costs nothing at start-up.
 */
package org.migrationconsole.provisioning;
