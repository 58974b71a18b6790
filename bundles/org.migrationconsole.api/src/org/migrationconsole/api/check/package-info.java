/**
 * Pre-flight checks: a check reads the servers through a {@link CheckContext} and reports a
 * {@link CheckResult} with evidence and a remedy. Step plug-ins (and partners) register
 * {@link MigrationCheck} services; the {@link CheckService} runs them in parallel, each bounded
 * by its timeout, stores the results in the workspace and journals the run.
 */
@org.osgi.annotation.versioning.Version("1.3.0")
package org.migrationconsole.api.check;
