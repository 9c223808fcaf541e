/**
 * synthkit's one HTTP stack, used by every outbound call (the model gateway, the fine-tuning client, Wikipedia):
 * the pooled transport, the retry policy with {@code Retry-After}, the retry loop, token-bucket rate limits, and the
 * circuit state that tells a failing call from a dead endpoint. Internal: it depends only on {@code spi}, {@code json}
 * and Apache HttpClient.
 */
@NullMarked
package io.synthkit.http;

import org.jspecify.annotations.NullMarked;
