using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>The cookie whose value is hashed; generated with this path, TTL and attributes when absent.</summary>
[WireNullsAreAbsent]
public sealed record HttpCookie
{
    public string? Name { get; init; }
    public string? Path { get; init; }
    public Duration? Ttl { get; init; }
    public IReadOnlyList<HttpCookieAttribute>? Attributes { get; init; }
}
