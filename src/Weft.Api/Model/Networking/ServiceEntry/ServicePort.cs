using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A port of a ServiceEntry; the name is the key of the list.</summary>
[WireNullsAreAbsent]
public sealed record ServicePort
{
    public uint? Number { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }
    public uint? TargetPort { get; init; }
}
