/**
 * The API: what applications call. {@link org.thinkqueue.QueueManager} (or the static {@link
 * org.thinkqueue.Queue} facade) pushes jobs through the {@link org.thinkqueue.Producer} methods,
 * think-queue's {@code push}, {@code later} and {@code bulk}; a {@link org.thinkqueue.JobRegistry}
 * maps job names to {@link org.thinkqueue.JobHandler}s, which receive a {@link org.thinkqueue.Job}.
 * Payloads are PHP think-queue's, byte for byte, in the layout a {@link org.thinkqueue.WireFormat}
 * names.
 *
 * <p>Every exception the library throws on purpose is an unchecked {@link
 * org.thinkqueue.QueueException}: {@link org.thinkqueue.ConnectionException} when the store cannot
 * be reached, {@link org.thinkqueue.QueueDataException} when it refused the data, {@link
 * org.thinkqueue.PayloadException} for payloads, and one type per refused input.
 */
package org.thinkqueue;
