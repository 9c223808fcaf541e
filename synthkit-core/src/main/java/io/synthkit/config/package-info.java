/**
 * Loading run configs: YAML with {@code ${VAR}} interpolation and {@code --set} overrides, strict binding to records
 * with file and line in every error, model fallback from the environment. Internal.
 */
@NullMarked
package io.synthkit.config;

import org.jspecify.annotations.NullMarked;
