package org.thinkqueue.examples;

/** Tracking data of a shipped order, as the fulfilment platform's one-shot callback sends it. */
public record Tracking(String orderId, String trackingNumber, String carrier) {}
