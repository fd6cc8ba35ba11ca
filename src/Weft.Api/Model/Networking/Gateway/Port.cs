using Weft.Api.Binding;

namespace Weft.Api.Model.Networking;

/// <summary>A gateway server's port: number, protocol and a name unique within the gateway.</summary>
[WireNullsAreAbsent]
public sealed record Port
{
    public uint? Number { get; init; }
    public string? Protocol { get; init; }
    public string? Name { get; init; }

    /// <summary>Deprecated and without effect on gateways; set, it is an error.</summary>
    public uint? TargetPort { get; init; }
}
