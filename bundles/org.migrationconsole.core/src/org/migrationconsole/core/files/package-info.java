/**
 * File safety for everything the console writes or reads: atomic private writes that never
 * follow a link or fill another user's file, bounded reads of regular files only, and a wipe
 * that only destroys files the journal says the console wrote. Used by core, connect, cli, ui.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.migrationconsole.core.files;
