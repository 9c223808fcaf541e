/**
 * The method registry: built-in and plug-in {@link io.synthkit.spi.Method}s found through {@link
 * java.util.ServiceLoader}. Each method lives in its own subpackage. Internal.
 */
@NullMarked
package io.synthkit.method;

import org.jspecify.annotations.NullMarked;
