using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A path rewrite by RE2 regex and substitution (<c>\1</c> refers to a capture group).</summary>
[WireNullsAreAbsent]
public sealed record RegexRewrite
{
    public string? Match { get; init; }
    public string? Rewrite { get; init; }
}
