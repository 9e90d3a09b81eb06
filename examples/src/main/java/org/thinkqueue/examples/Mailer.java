package org.thinkqueue.examples;

/** Sends e-mail. The seed's PHPMailer-based sender: slow, and it sometimes fails. */
public interface Mailer {
  void send(String to, String subject, String body) throws Exception;
}
