package io.synthkit;

import io.synthkit.spi.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Java API's default listener: notices go to SLF4J (logger {@code io.synthkit}); progress is not shown. */
final class LoggingListener implements RunListener {

  static final LoggingListener INSTANCE = new LoggingListener();
  private static final Logger LOG = LoggerFactory.getLogger("io.synthkit");

  private LoggingListener() {}

  @Override
  public void notice(String message) {
    LOG.info(message);
  }
}
