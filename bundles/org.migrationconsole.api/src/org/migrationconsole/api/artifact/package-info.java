/**
 * Artifacts: files a step generates for the administrator (an answer file, a script, a report).
 * A step registers an {@link Artifact} service that says which typed {@link
 * org.migrationconsole.api.field.Field fields} it needs, checks them, reads an existing file and
 * produces the file's bytes in the right encoding and line endings. The shell (the
 * {@link ArtifactService}) builds the form or the command line, writes the files in one place,
 * warns about and wipes files that hold a secret, and journals each write and wipe.
 *
 * <p>Import with {@code org.migrationconsole.api.artifact;version="[1.0,2.0)"}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.migrationconsole.api.artifact;
