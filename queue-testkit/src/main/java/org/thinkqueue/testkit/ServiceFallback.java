package org.thinkqueue.testkit;

import java.util.Optional;

/**
 * Provides a service when its default loopback address does not answer and no environment variable names
 * another one, e.g. by starting a Testcontainers container where Docker answers. Driver modules register
 * implementations in their test resources under {@code META-INF/services/org.thinkqueue.testkit.ServiceFallback},
 * which keeps queue-core free of Docker dependencies.
 *
 * <p>Called at most once per service per JVM, from the test thread.
 */
public interface ServiceFallback {

  /**
   * Makes {@code service} available and returns its URL in the same form as {@link Service#defaultUrl()}.
   *
   * @param service the service whose default address did not answer
   * @return empty if this fallback does not handle {@code service} or cannot run here (say why through
   *     {@link ServiceUnavailableException} if that helps the reader of a skip message)
   * @throws ServiceUnavailableException if this fallback handles the service but could not start it
   */
  Optional<String> start(Service service);

  /**
   * Short name for messages, e.g. {@code Testcontainers}.
   *
   * @return the name; by default the class's simple name
   */
  default String name() {
    return getClass().getSimpleName();
  }
}
