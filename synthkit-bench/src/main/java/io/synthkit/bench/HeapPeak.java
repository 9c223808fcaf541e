package io.synthkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/** Reads the peak heap use the JVM recorded, summed over heap pools (an upper bound on the live peak). */
final class HeapPeak {

  private HeapPeak() {}

  static void reset() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  static long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Process CPU time in seconds (all threads), to read figures taken on a shared machine. */
  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }

  static String describe() {
    long usedAfterGc = usedAfterGc();
    return String.format("peak heap %.0f MB (sum of pool peaks), live after GC %.0f MB, max heap %.0f MB",
        peakBytes() / 1e6, usedAfterGc / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
  }

  private static long usedAfterGc() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
