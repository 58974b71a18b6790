/**
 * Active Directory knowledge the steps' actions share: deleting group policy objects with their
 * links and SYSVOL folders ({@link GpoPlans}), editing a GPO's security template in its own
 * encoding and raising its version ({@link GptTmplEdit}), and DNS records in the MS-DNSP
 * {@code dnsRecord} format ({@link DnsRecords}). Plans only: the engine applies them.
 *
 * <p>Import with {@code org.migrationconsole.actions.ad;version="[1.0,2.0)"}.
 */
package org.migrationconsole.actions.ad;
