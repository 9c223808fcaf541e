package io.synthkit.sandbox.graalpy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synthkit.spi.CodeSandbox.ExecutionResult;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Failed;
import io.synthkit.spi.CodeSandbox.ExecutionResult.Kind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WorkerProtocolTest {

  @Test
  void readWrite_framesSurviveNewlinesAndBinaryLookingOutput() throws IOException {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    WorkerRequest request = new WorkerRequest(7, "print('a\\nb')\n\u0000\u00e9", "answer", 2000, 1024, 1L << 28);
    WorkerResponse response = WorkerResponse.of(7, new ExecutionResult.Ok("a\nb\n\u0000", "\u00e9"));
    WorkerProtocol.write(wire, request);
    WorkerProtocol.write(wire, response);
    ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());

    assertThat(WorkerProtocol.read(in, WorkerRequest.class)).isEqualTo(request);
    assertThat(WorkerProtocol.read(in, WorkerResponse.class).toResult())
        .isEqualTo(new ExecutionResult.Ok("a\nb\n\u0000", "\u00e9"));
    assertThat(WorkerProtocol.read(in, WorkerResponse.class)).isNull();
  }

  @Test
  void response_failureRoundTripsKindAndMessage() {
    Failed failed = new Failed(Kind.TIMEOUT, "timed out", "partial");
    assertThat(WorkerResponse.of(3, failed).toResult()).isEqualTo(failed);
    assertThat(WorkerResponse.ready().isReady()).isTrue();
  }

  @Test
  void read_negativeLength_isRejected() {
    byte[] corrupt = {(byte) 0xff, 0, 0, 0};
    assertThatThrownBy(() -> WorkerProtocol.read(new ByteArrayInputStream(corrupt), WorkerResponse.class))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("bad frame length");
  }
}
