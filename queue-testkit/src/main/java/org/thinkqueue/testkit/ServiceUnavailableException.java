package org.thinkqueue.testkit;

/** A required service could not be reached, and the run is under {@code CI=true}, so the test must fail. */
public final class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An outage with its reason.
   *
   * @param message names the service, the address tried and the environment variable to set
   */
  public ServiceUnavailableException(String message) {
    super(message);
  }

  /**
   * An outage with its reason and what caused it, e.g. a fallback's failure to start a container.
   *
   * @param message names the service, the address tried and the environment variable to set
   * @param cause the underlying failure
   */
  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
