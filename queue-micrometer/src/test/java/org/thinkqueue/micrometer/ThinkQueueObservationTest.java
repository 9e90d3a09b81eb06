/*
 * Copyright 2026 the think-queue for Java authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.thinkqueue.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.thinkqueue.JobRegistry;
import org.thinkqueue.OutgoingJob;
import org.thinkqueue.PushListener;
import org.thinkqueue.QueueManager;
import org.thinkqueue.WireFormat;
import org.thinkqueue.memory.MemoryConnector;
import org.thinkqueue.worker.Worker;

/** Trace context from a push to the handler, through Micrometer Tracing's OpenTelemetry bridge. */
class ThinkQueueObservationTest {
  private static final String Q = "hm-trace";
  private static final String TRACEPARENT =
      "\"traceparent\":\"00-([0-9a-f]{32})-([0-9a-f]{16})-01\"";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final ContextPropagators propagators =
      ContextPropagators.create(W3CTraceContextPropagator.getInstance());
  private final io.opentelemetry.api.trace.Tracer otel = provider.get("test");
  private final Tracer tracer = new OtelTracer(otel, new OtelCurrentTraceContext(), event -> {});
  private final OtelPropagator propagator = new OtelPropagator(propagators, otel);
  private final ObservationRegistry observations = ObservationRegistry.create();

  private final MemoryConnector memory =
      MemoryConnector.builder().wireFormat(WireFormat.V3).build();
  private final JobRegistry registry = new JobRegistry();
  private final ThinkQueueObservation tracing = new ThinkQueueObservation(observations);
  private final QueueManager manager =
      QueueManager.builder()
          .connection("mem", memory)
          .registry(registry)
          .pushListener(tracing.pushListener())
          .build();
  private final List<String> handlerTraceIds = new ArrayList<>();

  ThinkQueueObservationTest() {
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)));
    registry.register(
        "traced",
        String.class,
        (job, data) -> {
          handlerTraceIds.add(
              tracer.currentSpan() == null ? "none" : tracer.currentSpan().context().traceId());
          job.delete();
        });
  }

  @AfterEach
  void close() {
    manager.close();
    provider.close();
  }

  private void work() {
    try (Worker w =
        Worker.builder().manager(manager).queues(Q).middleware(tracing.jobMiddleware()).build()) {
      assertThat(w.runOnce()).isTrue();
    }
  }

  private SpanData consumerSpan() {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == SpanKind.CONSUMER)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPushInsideATraceCarriesItAndTheHandlerContinuesIt() {
    String[] request = new String[1];
    Observation.createNotStarted("http.request", observations)
        .observe(
            () -> {
              request[0] = tracer.currentSpan().context().traceId();
              manager.push("traced", "d", Q);
            });

    String payload = memory.readyPayloads(Q).get(0);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(TRACEPARENT).matcher(payload);
    assertThat(m.find()).as(payload).isTrue();
    assertThat(m.group(1)).isEqualTo(request[0]);
    SpanData producer =
        spans.getFinishedSpanItems().stream()
            .filter(s -> s.getKind() == SpanKind.PRODUCER)
            .findFirst()
            .orElseThrow();
    assertThat(producer.getTraceId()).isEqualTo(request[0]);
    assertThat(m.group(2)).isEqualTo(producer.getSpanId());
    assertThat(payload).matches(".*\"data\":\"d\",\"traceparent\":\"[^\"]+\",\"id\":.*");

    work();

    SpanData consumer = consumerSpan();
    assertThat(consumer.getTraceId()).isEqualTo(request[0]);
    assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
    assertThat(consumer.getName()).isEqualTo("hm-trace process");
    assertThat(handlerTraceIds).containsExactly(request[0]);
  }

  @Test
  void aPushOutsideAnyTraceStaysPlainEvenWithATracer() {
    manager.push("traced", "d", Q);
    assertThat(memory.readyPayloads(Q)).singleElement().asString().doesNotContain("traceparent");
    assertThat(spans.getFinishedSpanItems()).noneMatch(s -> s.getKind() == SpanKind.PRODUCER);
  }

  @Test
  void aMalformedTraceparentRunsTheJobInATraceOfItsOwn() {
    QueueManager forged =
        QueueManager.builder()
            .connection("mem", memory)
            .registry(registry)
            .pushListener(
                new PushListener() {
                  @Override
                  public void onPushing(OutgoingJob job) {
                    job.putField("traceparent", "00-not-a-trace-context-zz");
                  }
                })
            .build();
    forged.push("traced", "d", Q);

    work();

    SpanData consumer = consumerSpan();
    assertThat(consumer.getParentSpanContext().isValid()).isFalse();
    assertThat(handlerTraceIds).containsExactly(consumer.getTraceId());
  }

  @Test
  void withoutTheListenerOrAHandlerNothingIsWritten() {
    MemoryConnector plain = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
    try (QueueManager m = QueueManager.builder().connection("mem", plain).build()) {
      Observation.createNotStarted("http.request", observations)
          .observe(() -> m.push("traced", "d", Q));
    }
    assertThat(plain.readyPayloads(Q)).singleElement().asString().doesNotContain("traceparent");

    MemoryConnector noop = MemoryConnector.builder().wireFormat(WireFormat.V3).build();
    ThinkQueueObservation untraced = new ThinkQueueObservation(ObservationRegistry.NOOP);
    try (QueueManager m =
        QueueManager.builder()
            .connection("mem", noop)
            .pushListener(untraced.pushListener())
            .build()) {
      m.push("traced", "d", Q);
    }
    assertThat(noop.readyPayloads(Q)).singleElement().asString().doesNotContain("traceparent");
  }

  @Test
  void aHandlerThatThrowsEndsItsSpanWithTheError() {
    registry.register(
        "broken",
        String.class,
        (job, data) -> {
          throw new IllegalStateException("broken");
        });
    manager.push("broken", "d", Q);
    work();
    SpanData consumer = consumerSpan();
    assertThat(consumer.getStatus().getStatusCode())
        .isEqualTo(io.opentelemetry.api.trace.StatusCode.ERROR);
    assertThat(consumer.hasEnded()).isTrue();
  }
}
