using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>HTTP/2 PING keepalive on upstream connections.</summary>
[WireNullsAreAbsent]
public sealed record Http2KeepAlive
{
    public Duration? Interval { get; init; }
    public Duration? Timeout { get; init; }
}
