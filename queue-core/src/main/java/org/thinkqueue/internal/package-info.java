/**
 * Implementation of the core: not API, not documented, subject to change without notice. Its types
 * are public only because other core packages use them; applications and drivers must not.
 */
package org.thinkqueue.internal;
