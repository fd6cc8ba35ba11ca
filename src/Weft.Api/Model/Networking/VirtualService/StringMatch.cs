using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>One of an exact value, a prefix or an RE2 regular expression.</summary>
[WireNullsAreAbsent]
public sealed record StringMatch
{
    public string? Exact { get; init; }
    public string? Prefix { get; init; }
    public string? Regex { get; init; }
}
