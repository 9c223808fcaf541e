package io.synthkit.sandbox.graalpy;

import io.synthkit.spi.CodeSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class InProcessSandboxTest extends SandboxContract {
  private static GraalPySandbox sandbox;

  @BeforeAll
  static void start() {
    sandbox = GraalPySandbox.inProcess();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Override
  CodeSandbox sandbox() {
    return sandbox;
  }
}
