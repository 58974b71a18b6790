/**
 * The customer's migration report: {@link org.migrationconsole.report.ReportService} writes one
 * self-contained HTML file and a PDF of the same content. Steps add their own sections (server
 * changes, data moved, BPA results) by registering a
 * {@link org.migrationconsole.report.ReportSectionContributor} service; sections are built from
 * the small document model in this package ({@link org.migrationconsole.report.Section} and its
 * {@link org.migrationconsole.report.Block}s), which both writers render the same way.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.migrationconsole.report;
