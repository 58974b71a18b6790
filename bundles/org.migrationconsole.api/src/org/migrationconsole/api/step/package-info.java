/**
 * The step SPI: what a step plug-in implements and registers as an OSGi service so that its
 * tasks take part in the migration.
 *
 * <p>A partner step bundle imports this package with a range such as
 * {@code org.migrationconsole.api.step;version="[1.0,2.0)"}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.migrationconsole.api.step;
