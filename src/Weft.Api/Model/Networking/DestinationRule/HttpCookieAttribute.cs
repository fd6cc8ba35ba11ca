using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>An extra attribute of a generated affinity cookie (<c>SameSite=Strict</c>).</summary>
[WireNullsAreAbsent]
public sealed record HttpCookieAttribute
{
    public string? Name { get; init; }
    public string? Value { get; init; }
}
