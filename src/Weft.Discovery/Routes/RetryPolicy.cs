using System.Collections.Immutable;

namespace Weft.Discovery.Routes;

/// <summary>
/// Envoy's retry policy. RetryOn conditions: 5xx, gateway-error, reset, connect-failure,
/// refused-stream, retriable-4xx, retriable-status-codes, and the gRPC ones (cancelled,
/// deadline-exceeded, internal, resource-exhausted, unavailable). Istio's default (when a
/// VirtualService sets none) is Attempts 2 on connect-failure,refused-stream,unavailable,
/// cancelled,retriable-status-codes with status 503 and RetryOtherHosts.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>Retries after the first try (Istio's attempts).</summary>
    public int Attempts { get; init; } = 2;

    public TimeSpan? PerTryTimeout { get; init; }

    public ImmutableArray<string> RetryOn { get; init; } = [];

    public ImmutableArray<int> RetriableStatusCodes { get; init; } = [];

    /// <summary>Prefer an endpoint not tried yet (Envoy's previous_hosts predicate).</summary>
    public bool RetryOtherHosts { get; init; } = true;

    /// <summary>Base of the fully jittered exponential back-off; Envoy's default is 25 ms.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Cap of the back-off; Envoy's default is 10 x base.</summary>
    public TimeSpan? BackoffMax { get; init; }
}
