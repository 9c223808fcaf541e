/**
 * Scale-out on Apache Spark: one run config split into shards, each an ordinary synthkit run executed as a Spark task
 * in {@code <run dir>/shards/shard-N/}, then merged on the driver (global near-duplicate removal, trimmed to the target)
 * into a normal run directory. Entry points: {@link io.synthkit.spark.SparkRun} (Java),
 * {@link io.synthkit.spark.SparkMain} ({@code spark-submit}) and {@link io.synthkit.spark.SparkScaleOut} (the CLI's
 * {@code generate --spark}, found through {@link java.util.ServiceLoader}).
 *
 * <p>This module has no {@code module-info}: Spark cannot be on the module path. Every Spark and Scala 2.13 jar
 * ({@code spark-core_2.13}, {@code spark-sql_2.13}, {@code jackson-module-scala_2.13}, {@code json4s-*_2.13}, ...) has
 * no {@code Automatic-Module-Name}, and the name derived from its file ({@code spark.core.2.13}) is not a legal module
 * name, so the JVM refuses to load it as an automatic module; Spark's own launchers put it on the class path. The
 * module therefore compiles and runs on the class path, where it reads the core's internal packages (the config
 * loader, the dedup index, the manifest) directly.
 */
@NullMarked
package io.synthkit.spark;

import org.jspecify.annotations.NullMarked;
