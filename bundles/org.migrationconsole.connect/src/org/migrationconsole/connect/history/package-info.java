/** Read-only access to the check runs a workspace keeps (for the report and other readers). */
package org.migrationconsole.connect.history;
