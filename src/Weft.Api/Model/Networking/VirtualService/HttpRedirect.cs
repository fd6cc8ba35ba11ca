using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A redirect response instead of forwarding: new URI, authority, scheme and/or port.</summary>
[WireNullsAreAbsent]
public sealed record HttpRedirect
{
    public string? Uri { get; init; }
    public string? Authority { get; init; }
    public uint? Port { get; init; }
    public RedirectPortSelection? DerivePort { get; init; }
    public string? Scheme { get; init; }
    public uint? RedirectCode { get; init; }
    public string? PrefixRewrite { get; init; }
}
