/**
 * Read-only browsing of a server's SMB shares for the steps that move data: the share list with
 * each share's kind, a streaming walk of a share's tree, security descriptors (share ACL, a
 * folder's NTFS ACL) with account names read from the directory, and a share's disk space. The
 * connection is connect's own (jcifs-ng, SMB1 allowed, signing where offered, one retry on a fresh
 * connection); nothing here writes.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.migrationconsole.connect.shares;
