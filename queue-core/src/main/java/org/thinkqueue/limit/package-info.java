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
/**
 * Rate and concurrency limits by key, shared by every worker of every machine that uses the same
 * store: job middleware ({@link org.thinkqueue.limit.RateLimited}, {@link
 * org.thinkqueue.limit.ConcurrencyLimited}) over a {@link org.thinkqueue.limit.LimiterStore}, kept
 * in memory ({@link org.thinkqueue.limit.MemoryLimiterStore}), in Redis ({@code
 * org.thinkqueue.redis.RedisLimiterStore}) or in a database ({@code
 * org.thinkqueue.jdbc.JdbcLimiterStore}).
 *
 * <p>A job over a limit is snoozed ({@link org.thinkqueue.Job#snooze}): it comes back later without
 * using an attempt, and no thread waits for it.
 */
package org.thinkqueue.limit;
