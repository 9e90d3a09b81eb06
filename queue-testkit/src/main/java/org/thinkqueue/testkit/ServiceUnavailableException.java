package org.thinkqueue.testkit;

/** A required service could not be reached, and the run is under {@code CI=true}, so the test must fail. */
public final class ServiceUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ServiceUnavailableException(String message) {
    super(message);
  }

  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
