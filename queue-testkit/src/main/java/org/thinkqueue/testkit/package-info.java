/**
 * The test kit of think-queue for Java: what every driver must pass, for third-party drivers and
 * for users' own tests. Add {@code org.thinkqueue:queue-testkit} in test scope; it brings JUnit
 * Jupiter, AssertJ and Awaitility.
 *
 * <ul>
 *   <li>{@link org.thinkqueue.testkit.ConnectorContract}: the connector semantics (push, delay,
 *       FIFO reservation, attempts, expiry, release, exact payloads, bulk, size, input checks,
 *       capabilities). Subclass it once per backend and wire format and implement {@code
 *       createConnector(Duration)}.
 *   <li>{@link org.thinkqueue.testkit.WorkerContract}: workers on one store: contention, a worker
 *       dying mid-job, a long extended job, the restart signal.
 *   <li>{@link org.thinkqueue.testkit.FailedJobStoreContract}: think-queue's failer (log, all,
 *       find, forget, flush).
 *   <li>{@link org.thinkqueue.testkit.TimeControl} and {@link org.thinkqueue.testkit.MutableClock}:
 *       a suite whose store reads an injected clock runs its delays and timeouts without waiting.
 *   <li>{@link org.thinkqueue.testkit.RequiresService}: integration tests against running servers,
 *       skipped with a reason when one does not answer (failed under {@code CI=true}); {@link
 *       org.thinkqueue.testkit.Services} gives the addresses.
 *   <li>{@link org.thinkqueue.testkit.Golden}: payloads captured from PHP think-queue, byte for
 *       byte.
 * </ul>
 *
 * <pre>{@code
 * class MyConnectorIT extends ConnectorContract {
 *   MyConnectorIT() {
 *     super(WireFormat.V3, Capabilities.builder().releaseKeepsId(false).build());
 *   }
 *
 *   protected Connector createConnector(Duration retryAfter) {
 *     return MyConnector.builder().retryAfter(retryAfter).build();
 *   }
 * }
 * }</pre>
 */
package org.thinkqueue.testkit;
