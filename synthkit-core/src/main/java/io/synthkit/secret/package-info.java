/**
 * The one place secrets are redacted: {@link io.synthkit.secret.Secrets} learns every configured secret (API keys,
 * header values, URL user-info) and removes them, and anything shaped like a key, from every message, file and log line
 * synthkit writes.
 */
@NullMarked
package io.synthkit.secret;

import org.jspecify.annotations.NullMarked;
