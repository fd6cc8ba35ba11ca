using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Model.Networking;
using D = Weft.Discovery.Routes;

namespace Weft.ControlPlane.Translation;

/// <summary>Istio's retry policy conversion (pilot's retry.ConvertPolicy).</summary>
public static class RetryPolicies
{
    /// <summary>What Istio puts on every route whose VirtualService sets no retries.</summary>
    public static D.RetryPolicy Default { get; } = new()
    {
        Attempts = 2,
        RetryOn = ["connect-failure", "refused-stream", "unavailable", "cancelled", "retriable-status-codes"],
        RetriableStatusCodes = [503],
        RetryOtherHosts = true,
    };

    /// <summary>
    /// None set: Istio's default. attempts 0: no retries. Otherwise the default with what the
    /// VirtualService sets: numbers in retryOn are status codes (adding retriable-status-codes),
    /// perTryTimeout, backoff, and retryIgnorePreviousHosts.
    /// </summary>
    public static D.RetryPolicy? Convert(HttpRetry? retry)
    {
        if (retry is null)
            return Default;
        if (retry.Attempts is not > 0)
            return null;
        var result = Default with { Attempts = retry.Attempts.Value };
        if (!string.IsNullOrWhiteSpace(retry.RetryOn))
        {
            var on = ImmutableArray.CreateBuilder<string>();
            var codes = ImmutableArray.CreateBuilder<int>();
            foreach (var raw in retry.RetryOn.Split(','))
            {
                var part = raw.Trim();
                if (part.Length == 0)
                    continue;
                if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and <= 599)
                    codes.Add(code);
                else if (!on.Contains(part))
                    on.Add(part);
            }
            if (codes.Count > 0 && !on.Contains("retriable-status-codes"))
                on.Add("retriable-status-codes");
            result = result with { RetryOn = on.ToImmutable(), RetriableStatusCodes = codes.ToImmutable() };
        }
        if (retry.PerTryTimeout is { } pt && pt.TryGetValue(out var perTry) && perTry > TimeSpan.Zero)
            result = result with { PerTryTimeout = perTry };
        if (retry.Backoff is { } b && b.TryGetValue(out var backoff) && backoff > TimeSpan.Zero)
            result = result with { BackoffBase = backoff };
        if (retry.RetryIgnorePreviousHosts is { } ignore)
            result = result with { RetryOtherHosts = ignore };
        return result;
    }
}
