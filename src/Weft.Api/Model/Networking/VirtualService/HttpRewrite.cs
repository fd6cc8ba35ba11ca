using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>Rewrites of the path (whole prefix, or by regex) and authority before forwarding.</summary>
[WireNullsAreAbsent]
public sealed record HttpRewrite
{
    public string? Uri { get; init; }
    public string? Authority { get; init; }
    public RegexRewrite? UriRegexRewrite { get; init; }
}
