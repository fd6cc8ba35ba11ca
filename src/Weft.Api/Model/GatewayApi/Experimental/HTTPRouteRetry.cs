namespace Weft.Api.Model.GatewayApi;

/// <summary>Experimental: when and how often a backend request is retried.</summary>
public sealed record HTTPRouteRetry
{
    /// <summary>Status codes (400-599) that are retried.</summary>
    public IReadOnlyList<int>? Codes { get; init; }

    /// <summary>The most retries of one request.</summary>
    public int? Attempts { get; init; }

    /// <summary>The least time between attempts, in Gateway API duration syntax.</summary>
    public Duration? Backoff { get; init; }
}
