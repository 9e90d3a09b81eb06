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
package org.thinkqueue.redis.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens a pipeline on any supported Jedis. {@code UnifiedJedis.pipelined()} returns {@code
 * PipelineBase} in Jedis 6 and {@code AbstractPipeline} from 7 on; a call compiled against one does
 * not link against the other, so it is made through a method handle looked up once (both return
 * types are {@code AbstractPipeline}s). Overrides (a cluster client's) are dispatched as usual.
 */
final class Pipelines {
  private static final MethodHandle PIPELINED = pipelined();

  private Pipelines() {}

  /** A new pipeline on {@code redis}; the caller closes it. */
  static AbstractPipeline open(UnifiedJedis redis) {
    try {
      return (AbstractPipeline) PIPELINED.invokeExact(redis);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e); // pipelined() declares no checked exception
    }
  }

  private static MethodHandle pipelined() {
    try {
      return MethodHandles.publicLookup()
          .unreflect(UnifiedJedis.class.getMethod("pipelined"))
          .asType(MethodType.methodType(AbstractPipeline.class, UnifiedJedis.class));
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new NoSuchMethodError("UnifiedJedis.pipelined(): " + e);
    }
  }
}
