/**
 * Actions: changes to the servers that are planned (read-only), shown, backed up, applied,
 * verified and undone. A step registers a {@link MigrationAction} service per change it can
 * make; the action engine (in the shell) runs it:
 *
 * <ol>
 * <li>{@link MigrationAction#plan plan} reads the servers and returns an {@link ActionPlan}: the
 * concrete {@link Change}s ({@link DirectoryChange} with DN, attributes and old &rarr; new values,
 * entries to create or delete; {@link FileChange} on SYSVOL/NETLOGON; {@link DnsRecordChange};
 * {@link ManualItem}s the console cannot do). Planning writes nothing.</li>
 * <li>the engine backs up everything the plan touches ({@link MigrationAction#backup} may add
 * more), journals the intent,</li>
 * <li>applies each change ({@link MigrationAction#apply}: the engine's standard way unless the
 * action does it itself), refusing with a {@link ConflictException} when an entry or file changed
 * since the plan ({@link DirectoryChange#expectedUsnChanged()}, old values, {@link
 * FileChange#oldSha256()}),</li>
 * <li>verifies ({@link MigrationAction#verify}) and journals the result;</li>
 * <li>undo restores from the backup ({@link MigrationAction#undo} may do it itself).</li>
 * </ol>
 *
 * <p>Import with {@code org.migrationconsole.api.action;version="[1.0,2.0)"}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.migrationconsole.api.action;
