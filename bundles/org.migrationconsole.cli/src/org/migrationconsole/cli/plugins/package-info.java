/**
 * The installation's plug-ins: installed features and the p2 director run against the
 * installation's own profile. Used by the command line and the console's "Install new steps…".
 */
package org.migrationconsole.cli.plugins;
