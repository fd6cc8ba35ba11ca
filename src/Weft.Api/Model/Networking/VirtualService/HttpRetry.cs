using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Retries of a failed request: how many, on which conditions, with which per-try timeout.</summary>
[WireNullsAreAbsent]
public sealed record HttpRetry
{
    public int? Attempts { get; init; }
    public Duration? PerTryTimeout { get; init; }

    /// <summary>Comma-separated Envoy retry conditions (<c>5xx,connect-failure</c>) and HTTP status codes.</summary>
    public string? RetryOn { get; init; }

    public bool? RetryRemoteLocalities { get; init; }
    public bool? RetryIgnorePreviousHosts { get; init; }
    public Duration? Backoff { get; init; }
}
