/**
 * The service-provider interface: what a driver implements ({@link org.thinkqueue.spi.Connector},
 * its optional capabilities, {@link org.thinkqueue.spi.FailedJobStore}) and the helpers every
 * driver shares ({@link org.thinkqueue.spi.RetryAfter}, {@link org.thinkqueue.spi.GroupCommit},
 * {@link org.thinkqueue.spi.Redaction}). Applications do not need this package except to pass a
 * connector to {@link org.thinkqueue.QueueManager.Builder#connection}. It depends only on the API
 * package.
 */
package org.thinkqueue.spi;
