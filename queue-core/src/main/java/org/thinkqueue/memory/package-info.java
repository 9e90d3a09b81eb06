/**
 * Connector and failed-job store in memory: for unit tests of applications (a test double with the
 * Redis driver's semantics) and as the reference implementation of the driver contract. Nothing
 * survives the JVM.
 */
package org.thinkqueue.memory;
