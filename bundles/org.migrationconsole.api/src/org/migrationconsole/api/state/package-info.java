/**
 * The migration-state service: task states, ordering rules, deadline clocks and the audit
 * journal, plus the event topics it publishes.
 */
@org.osgi.annotation.versioning.Version("1.2.0")
package org.migrationconsole.api.state;
