using System.Collections.Frozen;
using System.Globalization;
using Weft.Api.Model.Networking;

namespace Weft.Api.Validation.Networking;

/// <summary>Retry policies: attempts, per-try timeout, and conditions Envoy knows.</summary>
internal static class HttpRetryRules
{
    /// <summary>Envoy's x-envoy-retry-on and x-envoy-retry-grpc-on conditions.</summary>
    public static readonly FrozenSet<string> RetryOnPolicies = new[]
    {
        "5xx", "gateway-error", "reset", "reset-before-request", "connect-failure", "retriable-4xx", "refused-stream",
        "retriable-status-codes", "retriable-headers", "envoy-ratelimited", "http3-post-connect-failure",
        "cancelled", "deadline-exceeded", "internal", "resource-exhausted", "unavailable",
    }.ToFrozenSet(StringComparer.Ordinal);

    // The status codes Go's http.StatusText knows; a retryOn entry may be one of them.
    private static readonly FrozenSet<int> KnownStatusCodes = new[]
    {
        100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308,
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423,
        424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
    }.ToFrozenSet();

    public static void Check(ErrorList errors, string path, HttpRetry? retries)
    {
        if (retries is null)
            return;
        var attempts = retries.Attempts ?? 0;
        if (attempts < 0)
            errors.Invalid(FieldPath.Child(path, "attempts"), attempts, "attempts cannot be negative");
        if (attempts == 0 && (retries.PerTryTimeout is not null || !string.IsNullOrEmpty(retries.RetryOn) || retries.RetryRemoteLocalities is not null))
            errors.Invalid(FieldPath.Child(path, "attempts"), attempts, "http retry policy configured when attempts are set to 0 (disabled)");
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "perTryTimeout"), retries.PerTryTimeout));
        errors.Add(DurationRules.AtLeastOneMillisecond(FieldPath.Child(path, "backoff"), retries.Backoff));
        if (!string.IsNullOrEmpty(retries.RetryOn))
        {
            foreach (var policy in retries.RetryOn.Split(','))
            {
                var isStatus = int.TryParse(policy, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) && KnownStatusCodes.Contains(code);
                if (!isStatus && !RetryOnPolicies.Contains(policy))
                    errors.Invalid(FieldPath.Child(path, "retryOn"), retries.RetryOn, $"\"{policy}\" is not a valid retryOn policy");
            }
        }
    }
}
