using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Limits on connections and requests to each endpoint (the circuit breaker's thresholds).</summary>
[WireNullsAreAbsent]
public sealed record ConnectionPoolSettings
{
    public TcpSettings? Tcp { get; init; }
    public HttpSettings? Http { get; init; }
}
