/**
 * Typed fields with named rules: what an artifact (a generated file) or an action needs from the
 * administrator. The shell builds a form (console) or options (command line) from them, checks
 * the rules while the administrator types, and shows every refusal with the field and the rule.
 *
 * <p>Import with {@code org.migrationconsole.api.field;version="[1.0,2.0)"}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.migrationconsole.api.field;
